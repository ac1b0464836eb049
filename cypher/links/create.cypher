// Create a relationship between two existing nodes, or return the one already there
// (one relationship of a type per ordered pair; symmetric types are stored in one
// canonical direction by the caller, and the existence check looks both ways).
// Both endpoints are write-locked (dummy SET, as in nodes/update) before the check, so two
// concurrent creations of the same pair serialise and the second finds the first's edge
// instead of creating a duplicate; the canonical direction keeps the lock order the same.
// An endpoint deleted concurrently while waiting reads as empty afterwards: the id check
// drops the row, so the caller reports it as missing.
// placeholders: __TYPE__, __FROM__, __TO__ (label disjunctions from model.LINK_TYPES)
// params: $id (string), $from_id, $to_id (strings), $props (map)
// returns: link (map), from_name, to_name, from_label, to_label, created (bool); no row if an
//          endpoint is missing
MATCH (a:__FROM__ {id: $from_id})
MATCH (b:__TO__ {id: $to_id})
SET a.__lock = true, b.__lock = true
REMOVE a.__lock, b.__lock
WITH a, b WHERE a.id = $from_id AND b.id = $to_id
OPTIONAL MATCH (a)-[old:__TYPE__]-(b)
  WHERE startNode(old) = a OR $symmetric
WITH a, b, head(collect(old)) AS old
CALL (a, b, old) {
  WITH a, b, old WHERE old IS NULL
  CREATE (a)-[r:__TYPE__ {id: $id}]->(b)
  SET r += $props, r.created = datetime(), r.updated = datetime(), r.version = 1
  RETURN r AS rel, true AS created
  UNION
  WITH old WHERE old IS NOT NULL
  RETURN old AS rel, false AS created
}
RETURN rel {.*, type: type(rel), from_id: startNode(rel).id, to_id: endNode(rel).id} AS link,
       coalesce(startNode(rel).name, startNode(rel).last_name) AS from_name,
       coalesce(endNode(rel).name, endNode(rel).last_name) AS to_name,
       head(labels(startNode(rel))) AS from_label, head(labels(endNode(rel))) AS to_label,
       created
