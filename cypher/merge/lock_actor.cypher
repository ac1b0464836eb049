// Read and write-lock one actor at the start of a merge, so nobody edits either record
// while its links move.
// A node deleted by a concurrent transaction while this one waited for the lock still
// matches but reads as empty; the id check after the lock drops it (no row: not found).
// params: $id (string)
// returns: node (map); no row if missing
MATCH (n:Actor {id: $id})
SET n.__lock = true
REMOVE n.__lock
WITH n WHERE n.id = $id
RETURN n {.*} AS node
