// Undo of an import: delete records it created (with their remaining relationships), each
// only if still at the version read (else someone saved it meanwhile and it stays).
// placeholders: __LABEL__
// params: $rows (list of {id, version})
// returns: id (of each record deleted)
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
WHERE n.version = row.version
WITH n, n.id AS id
DETACH DELETE n
RETURN id
