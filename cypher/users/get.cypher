// Read one user account by id.
// params: $id (string)
// returns: user (map), or no row
MATCH (u:User {id: $id})
RETURN u {.*} AS user
