// Undo of a changeset, the common case first: remove the relationships it created that
// nobody changed since (still at the version it left), without reading them first; the
// others are compared field by field (imports/current_links). Returns each as it was for
// the undo's history; timestamps are left out (see imports/delete_links).
// placeholders: __TYPE__
// params: $rows (list of {id, version})
// returns: link (map), from_name, to_name, from_label, to_label
UNWIND $rows AS row
MATCH (a)-[r:__TYPE__ {id: row.id}]->(b)
WHERE r.version = row.version
WITH a, b, r, r {.*, created: null, updated: null, type: type(r), from_id: a.id, to_id: b.id} AS link
DELETE r
RETURN link, coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label
