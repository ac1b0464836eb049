// Re-create a deleted node from its snapshot (undo of delete); its links follow separately.
// Keeps id, created and the domain fields; the version goes up by one and updated is now
// (a restore is a change). Nothing is created if a node with this id exists again.
// placeholders: __LABEL__
// params: $node (map with id, created, version and the domain fields)
// returns: node (map); no row if the id exists already
OPTIONAL MATCH (old:__LABEL__ {id: $node.id})
WITH old WHERE old IS NULL
CREATE (n:__LABEL__)
SET n = $node, n.updated = datetime(), n.version = coalesce($node.version, 0) + 1
RETURN n {.*} AS node
