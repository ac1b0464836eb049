// Revoke one API token of any account (admins); says whose it was, for the history.
// params: $id
// returns: deleted (int), user_id, username, name (null when there was no such token)
OPTIONAL MATCH (t:ApiToken {id: $id})-[:TOKEN_OF]->(u:User)
WITH t, u, t.name AS name
DETACH DELETE t
RETURN count(t) AS deleted, u.id AS user_id, u.username AS username, name
