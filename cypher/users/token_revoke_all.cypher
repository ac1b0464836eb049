// Revoke every API token of a user: a password reset or a deactivation (and the
// reactivation after it) must not leave a token alive that was made before it.
// params: $user_id
// returns: revoked (int)
OPTIONAL MATCH (t:ApiToken)-[:TOKEN_OF]->(:User {id: $user_id})
DETACH DELETE t
RETURN count(t) AS revoked
