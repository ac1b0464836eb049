// The account an API token belongs to (an admin revoking any account's token).
// params: $id
// returns: user_id; no row when there is no such token
MATCH (:ApiToken {id: $id})-[:TOKEN_OF]->(u:User)
RETURN u.id AS user_id
