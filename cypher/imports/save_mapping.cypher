// Save (insert or replace) a user's column mapping for one import kind.
// params: $id, $user, $kind, $mapping (JSON string)
// returns: nothing
MERGE (m:ImportMapping {user: $user, kind: $kind})
ON CREATE SET m.id = $id, m.created = datetime()
SET m.mapping = $mapping, m.updated = datetime()
