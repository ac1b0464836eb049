// The saved column mapping and value choices of a user for one import kind.
// params: $user (login name), $kind (partners|actors|persons|cooperations|workbook)
// returns: mapping (JSON string: folded header -> field),
//          values (JSON string: field -> folded value -> target, or null)
MATCH (m:ImportMapping {user: $user, kind: $kind})
RETURN m.mapping AS mapping, m.values AS values
LIMIT 1
