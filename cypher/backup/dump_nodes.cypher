// Every node with its labels and properties, for the whole-graph backup. Streamed by the
// caller (no ORDER BY, so the server need not sort millions of rows). The upgrade log
// (SchemaMigration) belongs to the database, not to the data: a restore runs every data
// migration again on what it loaded (they are idempotent) and writes its own log.
// returns: labels (list), props (map)
MATCH (n)
WHERE NOT n:SchemaMigration
RETURN labels(n) AS labels, properties(n) AS props
