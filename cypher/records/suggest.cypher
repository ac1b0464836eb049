// Autocomplete: the best few records of the given labels for what the user typed so far.
// params: $index (full-text index name), $q (escaped Lucene query), $labels (list of
//         label names from model.LABELS), $limit (int), $reader (organisation whose
//         persons the reader sees, or null: all; persons of others are not suggested)
// returns: id, label, name (display name), hint (kind/town/actor, for telling records apart)
// replan=skip: see records/search (the plan does not depend on the label counts).
CYPHER replan=skip
CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score
WITH node AS n, score
WHERE any(l IN labels(n) WHERE l IN $labels)
  AND ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, []))
RETURN n.id AS id, head([l IN labels(n) WHERE l IN $labels]) AS label,
       CASE WHEN n:Person
            THEN trim(coalesce(n.title, '') + ' ' + coalesce(n.first_name, '') + ' '
                      + coalesce(n.last_name, ''))
            ELSE n.name END AS name,
       CASE WHEN n:Actor THEN trim(coalesce(n.kind, '') + ' · ' + coalesce(n.town, ''))
            WHEN n:Person THEN head([(n)-[:WORKS_AT]->(a) | a.name])
            WHEN n:Region THEN n.kind
            ELSE '' END AS hint
ORDER BY score DESC, name
LIMIT $limit
