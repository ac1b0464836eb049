// The current cooperations that touch the given actors (either end in the list), for the
// survey's before/after comparison.
// params: $ids (list of actor ids)
// returns: a, b (actor ids, each pair once), source
MATCH (x:Actor)-[c:COOPERATES_WITH]->(y:Actor)
WHERE (x.id IN $ids OR y.id IN $ids) AND (c.until IS NULL OR c.until >= date())
RETURN x.id AS a, y.id AS b, coalesce(c.source, '') AS source
