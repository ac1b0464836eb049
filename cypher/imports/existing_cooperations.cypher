// Every cooperation as (from_id, to_id, properties), to tell new from changed ones.
// returns: from_id, to_id, link (map)
MATCH (a:Actor)-[r:COOPERATES_WITH]->(b:Actor)
RETURN a.id AS from_id, b.id AS to_id, r {.*} AS link
