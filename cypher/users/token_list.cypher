// The API tokens of one user, newest first (never the hash).
// params: $user_id
// returns: token (map)
MATCH (t:ApiToken)-[:TOKEN_OF]->(:User {id: $user_id})
RETURN t {.id, .name, .prefix, .created, .last_used} AS token
ORDER BY t.created DESC
