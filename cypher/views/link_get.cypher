// One share link by id, with the view or the presentation it shows.
// params: $id
// returns: link (map), view (map or null), presentation (map or null)
MATCH (s:ShareLink {id: $id})
OPTIONAL MATCH (v:SavedView {id: s.view_id})
OPTIONAL MATCH (p:Presentation {id: s.presentation_id})
RETURN s {.*} AS link, v {.*} AS view, p {.*} AS presentation
