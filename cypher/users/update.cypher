// Change a user account with optimistic locking (see nodes/update).
// params: $id, $version (int), $props (map)
// returns: user (map), applied (bool); no row if missing
MATCH (u:User {id: $id})
SET u.__lock = true
REMOVE u.__lock
WITH u, u.version = $version AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET u += $props, u.updated = datetime(), u.version = u.version + 1)
RETURN u {.*} AS user, applied
