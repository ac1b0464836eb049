// DSGVO Löschung: the person's own history entries stay (the change log has no holes) but
// lose name and values.
// params: $id (string), $placeholder (string)
// returns: redacted (int)
MATCH (c:Change {record_id: $id})
SET c.record_name = $placeholder, c.changes = '{}', c.refs = []
RETURN count(c) AS redacted
