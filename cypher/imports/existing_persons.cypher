// Every person with all properties and the ids of their current employers, to match
// imported rows by e-mail or by name + organisation.
// returns: node (map), actor_ids (list of strings)
MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Actor)
RETURN p {.*} AS node, collect(a.id) AS actor_ids
