// DSGVO Löschung: delete a person with all their relationships (jobs, contact roles).
// Nothing of the person is returned except counts, so no personal data reaches a log.
// params: $id (string)
// returns: erased (int: 0 or 1), links (int)
OPTIONAL MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[r]-()
WITH p, count(r) AS links
CALL (p) {
  WITH p WHERE p IS NOT NULL
  DETACH DELETE p
}
RETURN CASE WHEN p IS NULL THEN 0 ELSE 1 END AS erased, links
