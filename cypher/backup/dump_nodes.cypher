// Every node with its labels and properties, for the whole-graph backup. Streamed by the
// caller (no ORDER BY, so the server need not sort millions of rows).
// returns: labels (list), props (map)
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
