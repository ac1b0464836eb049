// Revoke one API token of a user (a user can only revoke their own; an admin names the owner
// found by users/token_owner).
// params: $user_id, $id
// returns: deleted (int), name (the token's name, null when there was none)
OPTIONAL MATCH (t:ApiToken {id: $id})-[:TOKEN_OF]->(:User {id: $user_id})
WITH t, t.name AS name
DETACH DELETE t
RETURN count(t) AS deleted, name
