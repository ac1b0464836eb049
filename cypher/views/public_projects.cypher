// Projects (the offers of the public Bildungslandkarte) with their own topics, stages and
// regions: a project is counted by what it covers, not by what its partners cover.
// Participants come from the network snapshot (network/affiliations), with since/until.
// params: none
// returns: id, name, description, start, end, status, topics, stages, active_in (lists of ids)
MATCH (p:Project)
RETURN p.id AS id, p.name AS name, coalesce(p.description, '') AS description,
       p.start AS start, p.end AS end, coalesce(p.status, '') AS status,
       [(p)-[:WORKS_ON]->(t:Topic) | t.id] AS topics,
       [(p)-[:COVERS]->(s:Stage) | s.id] AS stages,
       [(p)-[:ACTIVE_IN]->(r:Region) | r.id] AS active_in
