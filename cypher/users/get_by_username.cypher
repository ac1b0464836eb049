// Read one user account by its (lower-case) login name.
// params: $username (string)
// returns: user (map), or no row
MATCH (u:User {username: $username})
RETURN u {.*} AS user
