// Revoke one API token of a user (a user can only revoke their own).
// params: $user_id, $id
// returns: deleted (int)
OPTIONAL MATCH (t:ApiToken {id: $id})-[:TOKEN_OF]->(:User {id: $user_id})
DETACH DELETE t
RETURN count(t) AS deleted
