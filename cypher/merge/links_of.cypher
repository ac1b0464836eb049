// Every domain relationship of an actor with the other end's id, label and name, for
// planning a merge and for the history entries of each moved relationship (only the
// domain's relationship types).
// params: $id (string), $types (the domain's relationship types, model.LINK_TYPES)
// returns: type, id (relationship id), direction ('out'|'in'), other (id), other_label,
//          other_name, props (map)
MATCH (n:Actor {id: $id})-[r]-(m)
WHERE type(r) IN $types
RETURN type(r) AS type, r.id AS id,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.id AS other, head(labels(m)) AS other_label,
       coalesce(m.name, m.last_name) AS other_name, properties(r) AS props
