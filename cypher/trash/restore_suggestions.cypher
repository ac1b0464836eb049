// Put pipeline records of a restored actor back (see suggestions_of.cypher), inside the
// undo's transaction. A pair whose other actor is gone meanwhile stays away; a pair that
// has a record again meanwhile keeps the newer one.
// params: $rows (list of {a, b, props (map without the datetimes), at, created_at (ISO
//         strings or null)})
// returns: restored (int)
UNWIND $rows AS row
MATCH (a:Actor {id: row.a}), (b:Actor {id: row.b})
WHERE NOT (a)-[:SUGGESTION]-(b)
CREATE (a)-[s:SUGGESTION]->(b)
SET s = row.props,
    s.at = CASE WHEN row.at IS NULL THEN null ELSE datetime(row.at) END,
    s.created_at = CASE WHEN row.created_at IS NULL THEN null ELSE datetime(row.created_at) END
RETURN count(s) AS restored
