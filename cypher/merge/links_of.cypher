// Every domain relationship of an actor with the other end's id, for planning a merge
// (history entries, trash and accounts are not part of the network and are skipped).
// params: $id (string)
// returns: type, id (relationship id), direction ('out'|'in'), other (id), props (map)
MATCH (n:Actor {id: $id})-[r]-(m)
WHERE NOT m:Change AND NOT m:Trash AND NOT m:User
RETURN type(r) AS type, r.id AS id,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.id AS other, properties(r) AS props
