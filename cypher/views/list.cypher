// The views a user may open: their own and those shared with everyone, newest first.
// params: $owner (username)
// returns: view (map)
MATCH (v:SavedView)
WHERE v.owner = $owner OR v.shared = true
RETURN v {.*} AS view
ORDER BY v.updated DESC, v.name
LIMIT 500
