// Take an entry out of the trash for an undo, inside the undo's transaction. The dummy SET
// takes the entry's write lock first, so of two concurrent undos only one gets the entry
// (the other finds it gone: no row) and nothing is restored twice.
// params: $id (string)
// returns: entry (map); no row if missing
MATCH (t:Trash {id: $id})
SET t.__lock = true
REMOVE t.__lock
WITH t WHERE t.id = $id
WITH t, t {.*} AS entry
DETACH DELETE t
RETURN entry
