// Append one entry to the change history (who changed what, when), inside the transaction
// of the change itself.
// params: $id, $user (login name), $action (create|update|delete|restore|merge|link|unlink|
//         import|export|erase), $label, $record_id, $record_name, $changes (JSON string),
//         $refs (list of ids the entry mentions), $batch (import id or ''),
//         $version (the record's version after the change, or null)
// returns: change (map)
CREATE (c:Change {id: $id, at: datetime(), user: $user, action: $action, label: $label,
                  record_id: $record_id, record_name: $record_name, changes: $changes,
                  refs: $refs, batch: $batch, version: $version})
RETURN c {.*} AS change
