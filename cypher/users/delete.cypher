// Delete a user account.
// params: $id (string)
// returns: deleted (int)
MATCH (u:User {id: $id})
DETACH DELETE u
RETURN count(*) AS deleted
