// Create a read-only share link of a saved view. Only a hash of the link's secret is
// stored; the secret itself is shown once (like an API token).
// params: $id, $props (map: view_id, secret_hash, password_hash, created_by, expires, label)
// returns: link (map)
MATCH (v:SavedView {id: $props.view_id})
CREATE (s:ShareLink {id: $id})
SET s += $props, s.created = datetime(), s.revoked = false, s.failed = 0
RETURN s {.*} AS link
