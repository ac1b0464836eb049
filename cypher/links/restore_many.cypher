// Put deleted relationships back from their snapshots (undo of a delete): same id, fields
// and created; version + 1, updated now. A row is skipped when an end is missing or the
// pair is linked by this type again (either direction for symmetric types), so the caller
// learns exactly which links came back.
// placeholders: __TYPE__, __FROM__, __TO__ (label disjunctions from model.LINK_TYPES, or the
//               snapshot's end labels)
// params: $rows (list of {from_id, to_id, props: map with id, created, version, fields}),
//         $symmetric (bool)
// returns: link (map), from_name, to_name, from_label, to_label (one row per restored link)
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from_id})
MATCH (b:__TO__ {id: row.to_id})
SET a.__lock = true, b.__lock = true
REMOVE a.__lock, b.__lock
WITH a, b, row WHERE a.id = row.from_id AND b.id = row.to_id
  AND NOT EXISTS {
    MATCH (a)-[old:__TYPE__]-(b) WHERE startNode(old) = a OR $symmetric
  }
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props, r.updated = datetime(), r.version = coalesce(row.props.version, 0) + 1
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label
