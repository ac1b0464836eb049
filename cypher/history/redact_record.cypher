// Remove personal data from the history of an erased person (DSGVO Löschung): the entries
// stay, so the change log has no holes, but name and changed values are replaced.
// params: $record_id (string), $placeholder (string)
// returns: redacted (int)
MATCH (c:Change {record_id: $record_id})
SET c.record_name = $placeholder, c.changes = '{}'
RETURN count(c) AS redacted
