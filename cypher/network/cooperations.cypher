// Every cooperation (stored once per pair; the meaning is symmetric).
// returns: id, a, b (actor ids), kind, intensity, value, trust (1–4 or null), since, until,
//          source
MATCH (a:Actor)-[r:COOPERATES_WITH]->(b:Actor)
RETURN r.id AS id, a.id AS a, b.id AS b, r.kind AS kind, r.intensity AS intensity,
       r.value AS value, r.trust AS trust,
       r.since AS since, r.until AS until, coalesce(r.source, '') AS source
