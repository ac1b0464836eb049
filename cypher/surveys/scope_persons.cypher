// The current contact persons (WORKS_AT without a past `until`) of the given actors, for
// surveys with one link per person.
// params: $actor_ids (list)
// returns: actor_id, person_id
MATCH (p:Person)-[w:WORKS_AT]->(a:Actor)
WHERE a.id IN $actor_ids AND (w.until IS NULL OR w.until >= date())
RETURN a.id AS actor_id, p.id AS person_id
ORDER BY a.id, toLower(coalesce(p.last_name, '')), p.id
