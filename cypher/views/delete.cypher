// Delete a saved view and every share link of it (a link must not outlive its view), with
// the password attempts counted on those links.
// params: $id
// returns: deleted (number of views deleted, 0 or 1)
MATCH (v:SavedView {id: $id})
OPTIONAL MATCH (s:ShareLink {view_id: $id})
OPTIONAL MATCH (a:ShareAttempt {link_id: s.id})
DETACH DELETE a, s
WITH DISTINCT v
DETACH DELETE v
RETURN count(*) AS deleted
