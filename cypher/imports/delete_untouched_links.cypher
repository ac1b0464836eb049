// Undo of a changeset, the common case first: remove the relationships it created that
// nobody changed since (still at the version it left), without reading them first; the
// others are compared field by field (imports/current_links). Returns what the undo's
// history names of each (ends, names, labels), not its fields: an undone creation lists
// none, and reading 30,000 relationships' fields back cost more than removing them.
// placeholders: __TYPE__
// params: $rows (list of {id, version})
// returns: id, version, from_id, to_id, from_name, to_name, from_label, to_label
UNWIND $rows AS row
MATCH (a)-[r:__TYPE__ {id: row.id}]->(b)
WHERE r.version = row.version
WITH a, b, r, r.id AS id, r.version AS version
DELETE r
RETURN id, version, a.id AS from_id, b.id AS to_id,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label
