// Every relationship of a person with the other end's kind and name, for the Auskunft.
// params: $id (string)
// returns: type, direction ('out'|'in'), props (map), other_label, other_id, other_name
MATCH (p:Person {id: $id})-[r]-(m)
RETURN type(r) AS type, CASE WHEN startNode(r) = p THEN 'out' ELSE 'in' END AS direction,
       properties(r) AS props, head(labels(m)) AS other_label, m.id AS other_id,
       coalesce(m.name, m.last_name, m.id) AS other_name
ORDER BY type, other_name
