// Store a new API token of a user; only the SHA-256 hash of the secret is kept.
// params: $user_id, $id, $name, $hash (hex), $prefix (first characters, to recognise it)
// returns: token (map without hash); no row if the user is missing
MATCH (u:User {id: $user_id})
CREATE (t:ApiToken {id: $id, name: $name, hash: $hash, prefix: $prefix, created: datetime()})
CREATE (t)-[:TOKEN_OF]->(u)
RETURN t {.id, .name, .prefix, .created, .last_used} AS token
