// Read one relationship by its id.
// placeholders: __TYPE__
// params: $id (string)
// returns: link (map), from_name, to_name
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
RETURN r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name
