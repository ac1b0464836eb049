// The actors a survey asks: every set part of the scope must hold (current memberships and
// participations only; a region includes its sub-regions and matches seat or activity).
// params: $alliance, $project, $region, $topic (ids or null), $kinds (list, empty = all),
//         $actor_ids (list or null), $limit (int)
// returns: id, name
MATCH (a:Actor)
WHERE ($actor_ids IS NULL OR a.id IN $actor_ids)
  AND (size($kinds) = 0 OR a.kind IN $kinds)
  AND ($alliance IS NULL OR EXISTS {
    MATCH (a)-[m:MEMBER_OF]->(:Alliance {id: $alliance}) WHERE m.until IS NULL OR m.until >= date()
  })
  AND ($project IS NULL OR EXISTS {
    MATCH (a)-[m:PARTICIPATES_IN]->(:Project {id: $project}) WHERE m.until IS NULL OR m.until >= date()
  })
  AND ($topic IS NULL OR EXISTS { MATCH (a)-[:WORKS_ON]->(:Topic {id: $topic}) })
  AND ($region IS NULL OR EXISTS {
    MATCH (a)-[:LOCATED_IN|ACTIVE_IN]->(:Region)-[:PART_OF*0..]->(:Region {id: $region})
  })
RETURN a.id AS id, a.name AS name
ORDER BY toLower(a.name), a.id
LIMIT $limit
