// The contact roles that end when the survey review accepts that a person no longer works
// at an actor: the role for that actor, and — unless the person still works at another
// actor — the roles for alliances and projects too (they were held for that actor).
// params: $person_id, $actor_id
// returns: id (CONTACT_FOR link id)
MATCH (p:Person {id: $person_id})-[c:CONTACT_FOR]->(t)
WHERE t.id = $actor_id
   OR NOT EXISTS {
        MATCH (p)-[w:WORKS_AT]->(o:Actor)
        WHERE o.id <> $actor_id AND (w.until IS NULL OR w.until >= date())
      }
RETURN c.id AS id
