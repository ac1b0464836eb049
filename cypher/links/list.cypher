// One page of relationships of a type, with the total count.
// placeholders: __TYPE__
// Links to persons of other organisations than the reader's are left out (and not counted).
// params: $skip (int), $limit (int), $reader (organisation whose persons the reader sees, or null: all)
// returns: link (map), from_name, to_name, total (int)
MATCH (a)-[r:__TYPE__]->(b)
WHERE ($reader IS NULL OR NOT a:Person OR coalesce(a.org, 'default') = $reader OR $reader IN coalesce(a.co_orgs, []))
  AND ($reader IS NULL OR NOT b:Person OR coalesce(b.org, 'default') = $reader OR $reader IN coalesce(b.co_orgs, []))
WITH count(r) AS total
MATCH (a)-[r:__TYPE__]->(b)
WHERE ($reader IS NULL OR NOT a:Person OR coalesce(a.org, 'default') = $reader OR $reader IN coalesce(a.co_orgs, []))
  AND ($reader IS NULL OR NOT b:Person OR coalesce(b.org, 'default') = $reader OR $reader IN coalesce(b.co_orgs, []))
WITH a, r, b, total
ORDER BY coalesce(a.name, a.last_name), coalesce(b.name, b.last_name), r.id
SKIP $skip LIMIT $limit
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       total
