// Revoke a share link: it stops working at once and for good.
// params: $id, $user
// returns: link (map); no row if there is none
MATCH (s:ShareLink {id: $id})
SET s.revoked = true, s.revoked_at = datetime(), s.revoked_by = $user
RETURN s {.*} AS link
