// Every pair in the partner-suggestion pipeline with the actors' names, latest change first.
// Dismissals from before the pipeline existed (DISMISSED_SUGGESTION) appear as verworfen.
// returns: a, b (actor ids, a < b), a_name, b_name, status, by, at, note, log (list of
//          lines), link_id (the cooperation created when agreed, or null)
CALL () {
  MATCH (a:Actor)-[s:SUGGESTION]->(b:Actor)
  RETURN a, b, s.status AS status, s.by AS by, s.at AS at, coalesce(s.note, '') AS note,
         coalesce(s.log, []) AS log, s.link_id AS link_id
  UNION ALL
  MATCH (a:Actor)-[d:DISMISSED_SUGGESTION]->(b:Actor)
  RETURN a, b, 'verworfen' AS status, d.by AS by, d.at AS at, '' AS note, [] AS log,
         null AS link_id
}
RETURN a.id AS a, b.id AS b, coalesce(a.name, a.id) AS a_name, coalesce(b.name, b.id) AS b_name,
       status, by, at, note, log, link_id
ORDER BY at DESC, a, b
