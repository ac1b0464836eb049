// Move one relationship to new endpoints (the merge survivor), keeping its id and
// properties: the old edge is deleted and an identical one created in the same transaction.
// placeholders: __TYPE__, __FROM__, __TO__ (from model.LINK_TYPES)
// params: $id (relationship id), $from_id, $to_id (new endpoints), $props (all properties)
// returns: moved (int)
MATCH ()-[old:__TYPE__ {id: $id}]->()
DELETE old
WITH count(*) AS _
MATCH (a:__FROM__ {id: $from_id})
MATCH (b:__TO__ {id: $to_id})
CREATE (a)-[r:__TYPE__]->(b)
SET r = $props, r.updated = datetime()
RETURN count(r) AS moved
