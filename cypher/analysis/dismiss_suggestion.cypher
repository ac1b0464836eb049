// Remember that an editor dismissed the suggestion "a should cooperate with b", so it is
// not suggested again. Stored once per pair (a = smaller id); dismissing twice keeps the
// first entry.
// params: a, b (actor ids, a < b), by (login name)
// returns: a, b, by, at (nothing if an actor does not exist)
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
MERGE (a)-[d:DISMISSED_SUGGESTION]->(b)
  ON CREATE SET d.by = $by, d.at = datetime()
RETURN a.id AS a, b.id AS b, d.by AS by, d.at AS at
