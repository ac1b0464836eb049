// Delete one relationship by id, returning it so the deletion can be undone.
// placeholders: __TYPE__
// params: $id (string)
// returns: link (map); no row if missing
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
WITH a, b, r, r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link
DELETE r
RETURN link
