// Revoke every share link of a view or presentation that is being deleted, in the
// delete's transaction: a link must not outlive what it shows (nor come back with an undo).
// params: $id (the view's or presentation's id), $user
// returns: revoked (number of links revoked now)
OPTIONAL MATCH (s:ShareLink)
WHERE (s.presentation_id = $id OR s.view_id = $id) AND s.revoked = false
SET s.revoked = true, s.revoked_at = datetime(), s.revoked_by = $user
RETURN count(s) AS revoked
