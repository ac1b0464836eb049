// One page of relationships of a type, with the total count.
// placeholders: __TYPE__
// params: $skip (int), $limit (int)
// returns: link (map), from_name, to_name, total (int)
MATCH ()-[r:__TYPE__]->()
WITH count(r) AS total
MATCH (a)-[r:__TYPE__]->(b)
WITH a, r, b, total
ORDER BY coalesce(a.name, a.last_name), coalesce(b.name, b.last_name), r.id
SKIP $skip LIMIT $limit
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       total
