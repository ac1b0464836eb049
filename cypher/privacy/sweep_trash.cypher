// DSGVO Löschung: trash entries of the person and of their deleted links go entirely.
// Entries of other records whose snapshot mentions the person (a deleted actor with the
// person's job) are returned, so the caller can strip the person's links from them.
// params: $id (string)
// returns: removed (int), mentions (list of {id, snapshot})
CALL () {
  MATCH (t:Trash)
  WHERE t.record_id = $id
     OR (t.label STARTS WITH 'link:' AND ($id IN coalesce(t.refs, []) OR t.snapshot CONTAINS $id))
  DETACH DELETE t
  RETURN count(*) AS removed
}
CALL () {
  OPTIONAL MATCH (t:Trash)
  WHERE NOT t.label STARTS WITH 'link:' AND t.record_id <> $id
    AND ($id IN coalesce(t.refs, []) OR t.snapshot CONTAINS $id)
  RETURN collect(CASE WHEN t IS NULL THEN null ELSE {id: t.id, snapshot: t.snapshot} END)
         AS mentions
}
RETURN removed, mentions
