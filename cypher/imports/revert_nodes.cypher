// Undo of an import: give records their old field values back, each only if still at the
// version read.
// placeholders: __LABEL__
// params: $rows (list of {id, version, props: map})
// returns: id (of each record reverted)
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
WHERE n.version = row.version
SET n += row.props, n.updated = datetime(), n.version = n.version + 1
RETURN n.id AS id
