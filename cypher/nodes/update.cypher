// Update a node only if nobody saved it since the caller read it (optimistic locking).
// The dummy SET takes the node's write lock before the version is compared, so two
// concurrent updates of the same version cannot both pass; `before` is read under that
// lock, so the history's old values are exactly what this update replaced.
// A node deleted by a concurrent transaction while this one waited for the lock still
// matches but reads as empty; the id check after the lock drops it (no row: not found).
// placeholders: __LABEL__
// params: $id (string), $version (int, as read by the caller), $props (map)
// returns: before (map), node (map, after the update or as it is now), applied (bool);
//          no row if missing
MATCH (n:__LABEL__ {id: $id})
SET n.__lock = true
REMOVE n.__lock
WITH n WHERE n.id = $id
WITH n, n {.*} AS before, n.version = $version AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET n += $props, n.updated = datetime(), n.version = n.version + 1)
RETURN before, n {.*} AS node, applied
