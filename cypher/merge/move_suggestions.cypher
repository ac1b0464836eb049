// Carry the duplicate's partner-suggestion pipeline records (angesprochen, vereinbart,
// verworfen) over to the survivor before the duplicate is deleted. A pair the survivor
// already has a record for keeps the survivor's; a pair between the two disappears. Pairs
// are stored once, smaller id first (see netzwerk.graph.suggestions_store).
// params: $survivor, $duplicate (actor ids)
// returns: moved (int), others (ids of the actors whose pair with the survivor is new, so
//          undoing the merge removes exactly those)
MATCH (k:Actor {id: $survivor})
MATCH (:Actor {id: $duplicate})-[s:SUGGESTION]-(x:Actor)
WHERE x <> k AND NOT (k)-[:SUGGESTION]-(x)
WITH k, x, properties(s) AS props
FOREACH (_ IN CASE WHEN k.id < x.id THEN [1] ELSE [] END |
  CREATE (k)-[n:SUGGESTION]->(x) SET n = props)
FOREACH (_ IN CASE WHEN k.id < x.id THEN [] ELSE [1] END |
  CREATE (x)-[n:SUGGESTION]->(k) SET n = props)
RETURN count(*) AS moved, collect(x.id) AS others
