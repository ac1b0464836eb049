// Re-create a deleted node from its snapshot (undo of delete); its links follow separately.
// placeholders: __LABEL__
// params: $node (map with id, created, version and the domain fields)
// returns: node (map)
CREATE (n:__LABEL__)
SET n = $node, n.updated = datetime(), n.version = coalesce($node.version, 0) + 1
RETURN n {.*} AS node
