// Delete a node and its relationships, returning a snapshot so the deletion can be undone.
// With $version set, deletes only if the node is unchanged since it was read.
// A node deleted by a concurrent transaction while this one waited for the lock still
// matches but reads as empty; the id check after the lock drops it (no row: not found).
// placeholders: __LABEL__
// params: $id (string), $version (int or null)
// returns: node (map), links (list of maps: type, from_id, to_id, props), applied (bool)
MATCH (n:__LABEL__ {id: $id})
SET n.__lock = true
REMOVE n.__lock
WITH n WHERE n.id = $id
WITH n, ($version IS NULL OR n.version = $version) AS applied
OPTIONAL MATCH (n)-[r]-(m)
WITH n, applied, collect(CASE WHEN r IS NULL THEN null ELSE {
  type: type(r), from_id: startNode(r).id, to_id: endNode(r).id, props: properties(r)
} END) AS links
WITH n, applied, links, n {.*} AS node
CALL (n, applied) {
  WITH n WHERE applied
  DETACH DELETE n
}
RETURN node, links, applied
