// Save (insert or replace) a user's column mapping and value choices for one import kind.
// params: $id, $user, $kind, $mapping (JSON string), $values (JSON string)
// returns: nothing
MERGE (m:ImportMapping {user: $user, kind: $kind})
ON CREATE SET m.id = $id, m.created = datetime()
SET m.mapping = $mapping, m.values = $values, m.updated = datetime()
