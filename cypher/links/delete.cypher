// Delete one relationship by id, returning it so the deletion can be undone.
// The dummy SET takes the relationship's write lock first, so of two concurrent deletes only
// one returns the link (the other finds it gone: no row), and the trash gets it once.
// With $version set, deletes only if the relationship is unchanged since it was read.
// placeholders: __TYPE__
// params: $id (string), $version (int or null)
// returns: link (map), from_name, to_name, from_label, to_label, applied (bool);
//          no row if missing
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
SET r.__lock = true
REMOVE r.__lock
WITH a, b, r WHERE r.id = $id
WITH a, b, r, r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link,
     ($version IS NULL OR r.version = $version) AS applied
CALL (r, applied) {
  WITH r WHERE applied
  DELETE r
}
RETURN link, coalesce(a.name, a.last_name) AS from_name,
       coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label, applied
