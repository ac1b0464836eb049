// One share link by id, with its view.
// params: $id
// returns: link (map), view (map or null)
MATCH (s:ShareLink {id: $id})
OPTIONAL MATCH (v:SavedView {id: s.view_id})
RETURN s {.*} AS link, v {.*} AS view
