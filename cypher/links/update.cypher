// Update a relationship's properties with optimistic locking (see nodes/update); `before`
// is read under the lock, for the history's old values.
// A relationship deleted concurrently while this one waited for the lock reads as empty;
// the id check after the lock drops it (no row: not found).
// placeholders: __TYPE__
// params: $id (string), $version (int), $props (map)
// returns: before (map), link (map), from_name, to_name, from_label, to_label,
//          applied (bool); no row if missing
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
SET r.__lock = true
REMOVE r.__lock
WITH a, r, b WHERE r.id = $id
WITH a, r, b, r {.*, type: type(r), from_id: a.id, to_id: b.id} AS before,
     r.version = $version AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET r += $props, r.updated = datetime(), r.version = r.version + 1)
RETURN before, r {.*, type: type(r), from_id: a.id, to_id: b.id} AS link,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label,
       applied
