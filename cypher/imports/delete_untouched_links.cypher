// Undo of a changeset, the common case first: remove the relationships it created that
// nobody changed since (still at the version it left), without reading them first; the
// others are compared field by field (imports/current_links). Returns what the undo's
// history names of each (ends, names, labels), not its fields: an undone creation lists
// none, and reading 30,000 relationships' fields back cost more than removing them. One
// row holding a list: streaming 30,000 rows one by one cost the driver five times the CPU.
// placeholders: __TYPE__
// params: $rows (list of {id, version})
// returns: removed (list of {id, version, from_id, to_id, from_name, to_name, from_label,
//          to_label})
UNWIND $rows AS row
MATCH (a)-[r:__TYPE__ {id: row.id}]->(b)
WHERE r.version = row.version
WITH a, b, r, r.id AS id, r.version AS version
DELETE r
RETURN collect({id: id, version: version, from_id: a.id, to_id: b.id,
               from_name: coalesce(a.name, a.last_name), to_name: coalesce(b.name, b.last_name),
               from_label: head(labels(a)), to_label: head(labels(b))}) AS removed
