// DSGVO Löschung: delete a person with all their relationships (jobs, contact roles) and
// the trash snapshots that still hold their data (their own, and deleted links of theirs,
// whose snapshot and name carry the person's id and name).
// Returns only counts, the names to redact elsewhere and the ids of linked records, never
// the person's other data.
// params: $id (string)
// returns: erased (int: 0 or 1), links (int), neighbours (list of ids), names (list)
OPTIONAL MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[r]-(m)
WITH p, count(r) AS links, collect(DISTINCT m.id) AS neighbours
WITH p, links, neighbours,
     [n IN [trim(coalesce(p.title, '') + ' ' + coalesce(p.first_name, '') + ' ' +
                 coalesce(p.last_name, '')),
            trim(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')),
            p.last_name] WHERE n IS NOT NULL AND n <> ''] AS names
CALL (p) {
  WITH p WHERE p IS NOT NULL
  DETACH DELETE p
}
CALL () {
  MATCH (t:Trash)
  WHERE t.record_id = $id
     OR (t.label IN ['link:WORKS_AT', 'link:CONTACT_FOR'] AND t.snapshot CONTAINS $id)
  DETACH DELETE t
  RETURN count(*) AS trashed
}
RETURN CASE WHEN p IS NULL THEN 0 ELSE 1 END AS erased, links, neighbours, names, trashed
