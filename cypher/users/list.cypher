// All user accounts, sorted by login name.
// returns: user (map)
MATCH (u:User)
RETURN u {.*} AS user
ORDER BY u.username
