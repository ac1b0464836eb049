// Create a read-only share link of a saved view or of a presentation. Only a hash of the
// link's secret is stored; the secret itself is shown once (like an API token).
// params: $id, $props (map: view_id or presentation_id, secret_hash, password_hash,
//         created_by, expires, label)
// returns: link (map); no row if the view or presentation is gone
OPTIONAL MATCH (v:SavedView {id: $props.view_id})
OPTIONAL MATCH (p:Presentation {id: $props.presentation_id})
WITH v, p
WHERE v IS NOT NULL OR p IS NOT NULL
CREATE (s:ShareLink {id: $id})
SET s += $props, s.created = datetime(), s.revoked = false, s.failed = 0
RETURN s {.*} AS link
