// Create a user account (not a domain node: users never appear in pictures or exports).
// params: $id, $username (lower-case), $props (map: display_name, role, contacts,
//         password_hash, active)
// returns: user (map)
CREATE (u:User {id: $id, username: $username})
SET u += $props, u.created = datetime(), u.updated = datetime(), u.version = 1
RETURN u {.*} AS user
