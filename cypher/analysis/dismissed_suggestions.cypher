// Every dismissed partner suggestion, newest first (excluded from suggestions).
// returns: a, b (actor ids), a_name, b_name, by, at
MATCH (a:Actor)-[d:DISMISSED_SUGGESTION]->(b:Actor)
RETURN a.id AS a, b.id AS b, a.name AS a_name, b.name AS b_name, d.by AS by, d.at AS at
ORDER BY d.at DESC
