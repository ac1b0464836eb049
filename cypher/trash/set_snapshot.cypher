// Replace an entry's snapshot (an erasure strips an erased person's links from it).
// params: $id (string), $snapshot (JSON string), $refs (list of ids)
// returns: updated (int)
MATCH (t:Trash {id: $id})
SET t.snapshot = $snapshot, t.refs = $refs
RETURN count(t) AS updated
