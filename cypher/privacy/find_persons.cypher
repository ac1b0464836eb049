// Find persons by part of their name or e-mail (for the Datenschutz page of admins), live
// ones and those deleted into the trash (their rights to Auskunft and Löschung hold there
// too; the trash snapshot is searched as text, so its e-mail matches as well).
// Only persons of the reader's organisation: live ones by their org, trashed ones by the
// office of the user who deleted them (only the owning office may delete a person).
// params: $q (lower-case text), $limit (int), $reader (organisation whose persons the reader sees, or null: all)
// returns: id, name, email, organisations (list of names), in_trash (bool)
CALL () {
  MATCH (p:Person)
  WHERE ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
    AND (toLower(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')) CONTAINS $q
     OR toLower(coalesce(p.email, '')) CONTAINS $q
     OR toLower(coalesce(p.last_name, '')) CONTAINS $q)
  OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Actor)
  WITH p, collect(a.name) AS organisations
  RETURN p.id AS id,
         trim(coalesce(p.title, '') + ' ' + coalesce(p.first_name, '') + ' ' +
              coalesce(p.last_name, '')) AS name,
         coalesce(p.email, '') AS email, organisations, false AS in_trash,
         toLower(coalesce(p.last_name, '') + ' ' + coalesce(p.first_name, '')) AS sort_key
  UNION ALL
  MATCH (t:Trash {label: 'Person'})
  WHERE toLower(coalesce(t.record_name, '')) CONTAINS $q
     OR toLower(coalesce(t.snapshot, '')) CONTAINS $q
  OPTIONAL MATCH (u:User {username: t.user})
  WITH t, coalesce(u.org, 'default') AS deleted_by
  WHERE $reader IS NULL OR deleted_by = $reader
  RETURN t.record_id AS id, t.record_name AS name, '' AS email, [] AS organisations,
         true AS in_trash, toLower(coalesce(t.record_name, '')) AS sort_key
}
RETURN id, name, email, organisations, in_trash
ORDER BY sort_key
LIMIT $limit
