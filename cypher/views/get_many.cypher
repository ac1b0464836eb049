// Several saved views by id (the slides of a presentation); a missing id has no row.
// params: $ids (list of view ids)
// returns: view (map)
MATCH (v:SavedView)
WHERE v.id IN $ids
RETURN v {.*} AS view
