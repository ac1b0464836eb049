// Every person with all properties and the ids of their current employers, to match
// imported rows by e-mail or by name + organisation.
// Timestamps are left out (not needed for matching; decoding 10,000 datetimes is slow).
// Only persons the reader's organisation may see: a list row never matches (nor names)
// another office's person.
// params: $reader (organisation whose persons the reader sees, or null: all)
// returns: node (map), actor_ids (list of strings)
MATCH (p:Person)
WHERE ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Actor)
RETURN p {.*, created: null, updated: null} AS node, collect(a.id) AS actor_ids
