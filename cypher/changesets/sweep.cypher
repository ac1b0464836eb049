// Erasure: a changeset's conflict and undo lists without an erased person's entries, and the
// payloads of its journal parts that held the person dropped.
// params: $id (changeset id), $conflicts (JSON string), $undo (JSON string), $parts (ids)
// returns: id
MATCH (c:Changeset {id: $id})
SET c.conflicts = $conflicts, c.undo = $undo
WITH c
OPTIONAL MATCH (p:ChangesetPart) WHERE p.id IN $parts
SET p.payload = null
RETURN DISTINCT c.id AS id
