// Every person with all properties and the ids of their current employers, to match
// imported rows by e-mail or by name + organisation.
// Timestamps are left out (not needed for matching; decoding 10,000 datetimes is slow).
// returns: node (map), actor_ids (list of strings)
MATCH (p:Person)
OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Actor)
RETURN p {.*, created: null, updated: null} AS node, collect(a.id) AS actor_ids
