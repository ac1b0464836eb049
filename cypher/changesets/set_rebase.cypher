// Undo in any order: when an earlier changeset is undone under a later one that changed the
// same field since, the later one's value stays, and what the later one must restore on its
// own undo becomes the earlier one's old value. Stored as JSON on the later changeset.
// params: $id, $rebase (JSON string: {record or link id: {field: old value}})
// returns: id
MATCH (c:Changeset {id: $id})
SET c.rebase = $rebase
RETURN c.id AS id
