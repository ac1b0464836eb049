// Delete up to $limit nodes with their relationships; called repeatedly to empty a database
// without one huge transaction. Used by tests, benchmarks and `netzwerk reset`.
// params: $limit (int)
// returns: deleted (int)
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
