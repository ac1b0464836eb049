// Append several history entries in one round trip (a link change writes one per end, an
// import one per record), inside the transaction of the change itself.
// params: $user (login name), $rows (list of {id, action, label, record_id, record_name,
//         changes (JSON string), refs (list), batch, version (int or null)})
// returns: written (int)
UNWIND $rows AS row
CREATE (c:Change {id: row.id, at: datetime(), user: $user, action: row.action,
                  label: row.label, record_id: row.record_id, record_name: row.record_name,
                  changes: row.changes, refs: row.refs, batch: row.batch,
                  version: row.version})
RETURN count(c) AS written
