// What every alliance and project works on, for coverage (projects per region and stage)
// and alliance reach (non-members working on an alliance's topics).
// returns: id, label ("Alliance"/"Project"), name, topics, stages, target_groups,
//          active_in (lists of ids)
MATCH (n:Alliance|Project)
CALL (n) {
  OPTIONAL MATCH (n)-[:WORKS_ON]->(t:Topic)
  RETURN collect(t.id) AS topics
}
CALL (n) {
  OPTIONAL MATCH (n)-[:COVERS]->(s:Stage)
  RETURN collect(s.id) AS stages
}
CALL (n) {
  OPTIONAL MATCH (n)-[:SERVES]->(g:TargetGroup)
  RETURN collect(g.id) AS target_groups
}
CALL (n) {
  OPTIONAL MATCH (n)-[:ACTIVE_IN]->(r:Region)
  RETURN collect(r.id) AS active_in
}
RETURN n.id AS id, head(labels(n)) AS label, coalesce(n.name, n.id) AS name,
       topics, stages, target_groups, active_in
