// The saved column mapping of a user for one import kind.
// params: $user (login name), $kind (actors|persons|cooperations)
// returns: mapping (JSON string: folded header -> field)
MATCH (m:ImportMapping {user: $user, kind: $kind})
RETURN m.mapping AS mapping
LIMIT 1
