// Delete one relationship by id, returning it so the deletion can be undone.
// The dummy SET takes the relationship's write lock first, so of two concurrent deletes only
// one returns the link (the other finds it gone: no row), and the trash gets it once.
// placeholders: __TYPE__
// params: $id (string)
// returns: link (map); no row if missing
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
SET r.__lock = true
REMOVE r.__lock
WITH a, b, r WHERE r.id = $id
WITH a, b, r, r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link
DELETE r
RETURN link
