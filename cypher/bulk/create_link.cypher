// One relationship per round trip: the baseline that bench/ compares batched loading against.
// placeholders: __TYPE__, __FROM__, __TO__
// params: $id, $from_id, $to_id (strings), $props (map)
// returns: nothing
MATCH (a:__FROM__ {id: $from_id})
MATCH (b:__TO__ {id: $to_id})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r.id = $id, r += $props, r.created = datetime(), r.updated = datetime(),
              r.version = 1
