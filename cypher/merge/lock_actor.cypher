// Read and write-lock one actor at the start of a merge, so nobody edits either record
// while its links move.
// params: $id (string)
// returns: node (map); no row if missing
MATCH (n:Actor {id: $id})
SET n.__lock = true
REMOVE n.__lock
RETURN n {.*} AS node
