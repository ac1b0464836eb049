// Every API token of every account (or of one), for the admin's token screen; never the hash.
// params: $user_id (string or null for all)
// returns: token (map), user_id, username
MATCH (t:ApiToken)-[:TOKEN_OF]->(u:User)
WHERE $user_id IS NULL OR u.id = $user_id
RETURN t {.id, .name, .prefix, .created, .last_used} AS token, u.id AS user_id,
       u.username AS username
ORDER BY u.username, t.created DESC
