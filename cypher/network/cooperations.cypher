// Every cooperation (stored once per pair; the meaning is symmetric).
// returns: id, a, b (actor ids), kind, intensity, since, until, source
MATCH (a:Actor)-[r:COOPERATES_WITH]->(b:Actor)
RETURN r.id AS id, a.id AS a, b.id AS b, r.kind AS kind, r.intensity AS intensity,
       r.since AS since, r.until AS until, coalesce(r.source, '') AS source
