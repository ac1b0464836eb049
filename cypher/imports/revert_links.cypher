// Undo of an import: give relationships their old field values back, each only if still
// at the version read.
// placeholders: __TYPE__
// params: $rows (list of {id, version, props: map})
// returns: id (of each relationship reverted)
UNWIND $rows AS row
MATCH ()-[r:__TYPE__ {id: row.id}]->()
WHERE r.version = row.version
SET r += row.props, r.updated = datetime(), r.version = r.version + 1
RETURN r.id AS id
