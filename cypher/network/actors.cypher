// Every actor with what the pictures and analyses filter and colour by, in one pass.
// Membership lists carry since/until so "as of a date" can be applied in Python.
// returns: id, name, short_name, kind, sponsorship, town, located_in (region id or null),
//          active_in, topics, stages, target_groups (lists of ids),
//          alliances, projects (lists of {id, role, since, until})
MATCH (a:Actor)
CALL (a) {
  OPTIONAL MATCH (a)-[:LOCATED_IN]->(r:Region)
  RETURN head(collect(r.id)) AS located_in
}
CALL (a) {
  OPTIONAL MATCH (a)-[:ACTIVE_IN]->(r:Region)
  RETURN collect(r.id) AS active_in
}
CALL (a) {
  OPTIONAL MATCH (a)-[:WORKS_ON]->(t:Topic)
  RETURN collect(t.id) AS topics
}
CALL (a) {
  OPTIONAL MATCH (a)-[:COVERS]->(s:Stage)
  RETURN collect(s.id) AS stages
}
CALL (a) {
  OPTIONAL MATCH (a)-[:SERVES]->(g:TargetGroup)
  RETURN collect(g.id) AS target_groups
}
CALL (a) {
  OPTIONAL MATCH (a)-[m:MEMBER_OF]->(al:Alliance)
  RETURN collect(CASE WHEN al IS NULL THEN null ELSE
    {id: al.id, role: m.role, since: m.since, until: m.until} END) AS alliances
}
CALL (a) {
  OPTIONAL MATCH (a)-[m:PARTICIPATES_IN]->(p:Project)
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE
    {id: p.id, role: m.role, since: m.since, until: m.until} END) AS projects
}
RETURN a.id AS id, a.name AS name, coalesce(a.short_name, '') AS short_name, a.kind AS kind,
       coalesce(a.sponsorship, '') AS sponsorship, coalesce(a.town, '') AS town,
       located_in, active_in, topics, stages, target_groups, alliances, projects
