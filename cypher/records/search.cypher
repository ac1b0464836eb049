// One page of records of a kind, optionally matching a full-text query, filtered by the
// links lists offer (topic, stage, target group, region incl. sub-regions, alliance), sorted
// and counted in one round trip. Without $q every node of the label is scanned (lists of a
// few thousand records); with $q the full-text index (folding analyzer) narrows first.
// placeholders: __LABEL__ (model.LABELS), __ORDER__ (a field of the kind, whitelisted)
// params: $q (Lucene query string, escaped by netzwerk.graph.search, or null),
//         $index (name of the full-text index), $choice_field (kind or status) and
//         $choice (its wanted value or null), $topic, $stage,
//         $target_group, $region, $alliance, $actor (strings or null),
//         $by_score (bool: sort by relevance), $descending (bool), $skip, $limit (int),
//         $reader (organisation whose persons the reader sees, or null: all): persons of other
//         organisations are left out
// returns: total (int), items (list of maps: node properties plus counts for the list)
// replan=skip: Neo4j replans a query once the label counts have moved far from those it
// was planned with; planning this one takes seconds (1–5 s, for each label and sort
// field), so the first search after an import or an undo took that long. Its plan
// does not depend on the counts (the full-text index or the label narrows first, the
// filters follow), so a cached plan is kept.
CYPHER replan=skip
CALL () {
  WITH $q AS q WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes($index, q) YIELD node, score
  WITH node AS n, score WHERE n:__LABEL__
  RETURN n, score
  UNION
  WITH $q AS q WHERE q IS NULL
  MATCH (n:__LABEL__)
  RETURN n, 0.0 AS score
}
WITH n, score
WHERE ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, []))
  AND ($choice IS NULL OR n[$choice_field] = $choice)
  AND ($topic IS NULL OR EXISTS { (n)-[:WORKS_ON]->(:Topic {id: $topic}) })
  AND ($stage IS NULL OR EXISTS { (n)-[:COVERS]->(:Stage {id: $stage}) })
  AND ($target_group IS NULL OR EXISTS { (n)-[:SERVES]->(:TargetGroup {id: $target_group}) })
  AND ($region IS NULL OR EXISTS {
        (n)-[:LOCATED_IN|ACTIVE_IN]->(:Region)-[:PART_OF*0..6]->(:Region {id: $region}) })
  AND ($alliance IS NULL OR EXISTS { (n)-[:MEMBER_OF|PART_OF]->(:Alliance {id: $alliance}) }
       OR EXISTS { (n)-[:WORKS_AT]->(:Actor)-[:MEMBER_OF]->(:Alliance {id: $alliance}) })
  AND ($actor IS NULL OR EXISTS { (n)-[:WORKS_AT]->(:Actor {id: $actor}) })
WITH n, score
ORDER BY CASE WHEN $by_score THEN -score ELSE 0 END,
         CASE WHEN $descending THEN null ELSE toLower(toString(n.__ORDER__)) END ASC,
         CASE WHEN $descending THEN toLower(toString(n.__ORDER__)) ELSE null END DESC,
         n.id
WITH collect(n) AS found
RETURN size(found) AS total,
       [x IN found[$skip..$skip + $limit] | x {.*,
          _cooperations: size([(x)-[:COOPERATES_WITH]-() | 1]),
          _members: size([(x)<-[:MEMBER_OF|PARTICIPATES_IN]-() | 1]),
          _persons: size([(x)<-[:WORKS_AT]-() | 1]),
          _actors: [(x)-[:WORKS_AT]->(a) | a.name],
          _topics: [(x)-[:WORKS_ON]->(t) | t.name]
       }] AS items
