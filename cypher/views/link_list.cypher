// Share links, newest first, with the name of their view; all of them or one view's.
// params: $view_id (or null for all)
// returns: link (map), view_name
MATCH (s:ShareLink)
WHERE $view_id IS NULL OR s.view_id = $view_id
OPTIONAL MATCH (v:SavedView {id: s.view_id})
RETURN s {.*} AS link, v.name AS view_name
ORDER BY s.created DESC
LIMIT 500
