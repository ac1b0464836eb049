// Share links, newest first, with the name of what they show; all of them or those of one
// view or presentation.
// params: $target_id (a view's or presentation's id, or null for all)
// returns: link (map), view_name (the view's or the presentation's name)
MATCH (s:ShareLink)
WHERE $target_id IS NULL OR s.view_id = $target_id OR s.presentation_id = $target_id
OPTIONAL MATCH (v:SavedView {id: s.view_id})
OPTIONAL MATCH (p:Presentation {id: s.presentation_id})
RETURN s {.*} AS link, coalesce(v.name, p.name) AS view_name
ORDER BY s.created DESC
LIMIT 500
