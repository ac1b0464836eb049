// Changesets whose conflict lists or journal parts mention a record id (an erasure sweeps
// them: a conflict on a person holds their name and contact values, a journal part not yet
// applied holds the whole record).
// params: $id (record id)
// returns: id, conflicts (JSON string), undo (JSON string), parts (list of part ids whose
//          payload mentions the id)
MATCH (c:Changeset)
OPTIONAL MATCH (p:ChangesetPart {changeset: c.id})
WHERE p.payload CONTAINS $id
WITH c, collect(p.id) AS parts
WHERE c.conflicts CONTAINS $id OR c.undo CONTAINS $id OR size(parts) > 0
RETURN c.id AS id, c.conflicts AS conflicts, c.undo AS undo, parts
