// Read one relationship by its id.
// placeholders: __TYPE__
// A link to a person of another organisation than the reader's is not found.
// params: $id (string), $reader (organisation whose persons the reader sees, or null: all)
// returns: link (map), from_name, to_name
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
WHERE ($reader IS NULL OR NOT a:Person OR coalesce(a.org, 'default') = $reader OR $reader IN coalesce(a.co_orgs, []))
  AND ($reader IS NULL OR NOT b:Person OR coalesce(b.org, 'default') = $reader OR $reader IN coalesce(b.co_orgs, []))
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name
