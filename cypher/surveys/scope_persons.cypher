// The current contact persons (WORKS_AT without a past `until`) of the given actors, for
// surveys with one link per person.
// A survey asks only the persons of its own organisation (their data controller).
// params: $actor_ids (list), $reader (the survey's organisation: only its persons are asked, or null: all)
// returns: actor_id, person_id
MATCH (p:Person)-[w:WORKS_AT]->(a:Actor)
WHERE a.id IN $actor_ids AND (w.until IS NULL OR w.until >= date())
  AND ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
RETURN a.id AS actor_id, p.id AS person_id
ORDER BY a.id, toLower(coalesce(p.last_name, '')), p.id
