// Number of nodes of any label, to tell an empty database from a used one. The upgrade
// log (SchemaMigration) is not data: a database that only ran `netzwerk init` is empty.
// Both counts come from Neo4j's count store, so this stays O(1) however large the graph.
// returns: count (int)
CALL { MATCH (n) RETURN count(n) AS everything }
CALL { MATCH (m:SchemaMigration) RETURN count(m) AS log }
RETURN everything - log AS count
