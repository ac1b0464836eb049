// Every cooperation as (from_id, to_id, properties), to tell new from changed ones.
// Timestamps are left out (not needed for matching; decoding 10,000 datetimes is slow).
// returns: from_id, to_id, link (map)
MATCH (a:Actor)-[r:COOPERATES_WITH]->(b:Actor)
RETURN a.id AS from_id, b.id AS to_id, r {.*, created: null, updated: null} AS link
