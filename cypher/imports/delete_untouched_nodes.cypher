// Undo of a changeset, the common case first: delete records it created that nobody changed
// or linked since (still at the version it left, no relationship left once its own are
// removed), without reading them first; the others are compared field by field
// (imports/current_nodes, imports/node_links).
// placeholders: __LABEL__
// params: $rows (list of {id, version})
// returns: removed (list of maps: each record deleted as it was, without created and
//          updated; one row holding the list, cheaper for the driver than a row each)
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
WHERE n.version = row.version AND NOT EXISTS { (n)--() }
WITH n, n {.*, created: null, updated: null} AS node
DELETE n
RETURN collect(node) AS removed
