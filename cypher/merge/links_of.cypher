// Every domain relationship of an actor with the other end's id, for planning a merge
// (only the domain's relationship types).
// params: $id (string), $types (the domain's relationship types, model.LINK_TYPES)
// returns: type, id (relationship id), direction ('out'|'in'), other (id), props (map)
MATCH (n:Actor {id: $id})-[r]-(m)
WHERE type(r) IN $types
RETURN type(r) AS type, r.id AS id,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.id AS other, properties(r) AS props
