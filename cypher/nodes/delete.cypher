// Delete a node and its relationships, returning a snapshot so the deletion can be undone.
// With $version set, deletes only if the node is unchanged since it was read.
// A node deleted by a concurrent transaction while this one waited for the lock still
// matches but reads as empty; the id check after the lock drops it (no row: not found).
// placeholders: __LABEL__
// params: $id (string), $version (int or null)
// returns: node (map), links (list of {link (map), from_name, to_name, from_label,
//          to_label}), applied (bool)
MATCH (n:__LABEL__ {id: $id})
SET n.__lock = true
REMOVE n.__lock
WITH n WHERE n.id = $id
WITH n, ($version IS NULL OR n.version = $version) AS applied
OPTIONAL MATCH (n)-[r]-(m)
WITH n, applied, collect(CASE WHEN r IS NULL THEN null ELSE {
  link: r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id},
  from_name: coalesce(startNode(r).name, startNode(r).last_name),
  to_name: coalesce(endNode(r).name, endNode(r).last_name),
  from_label: head(labels(startNode(r))), to_label: head(labels(endNode(r)))
} END) AS links
WITH n, applied, links, n {.*} AS node
CALL (n, applied) {
  WITH n WHERE applied
  DETACH DELETE n
}
RETURN node, links, applied
