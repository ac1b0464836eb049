// Append folded history entries (one per record: `changes` holds {"entries": [...]}) in one
// round trip, inside a bulk write's transaction. A record that already has the folded entry
// of the same changeset (written by an earlier transaction of it) gets the new entries
// appended to that one, so a changeset stores one entry per record however many transactions
// it takes — up to $max_size characters: a hub (a topic thousands of imported actors link
// to) gets another entry instead, so no transaction rewrites an entry of unbounded size.
// Without a changeset (an undo) each transaction writes its own. Looked up by record (few
// entries each), never by the changeset (thousands): the hint says SEEK, because with the
// statistics the bulk write itself leaves stale, Neo4j met a plain index hint by scanning
// the whole index for every row (3 s a transaction instead of 0.06 s).
// params: $user (login name), $max_size (int), $rows (list of {id, label, record_id,
//         record_name, batch, changes (JSON string starting with '{"entries": ['), refs (list)})
// returns: written (int)
UNWIND $rows AS row
OPTIONAL MATCH (old:Change {record_id: row.record_id})
  USING INDEX SEEK old:Change(record_id)
  WHERE row.batch <> '' AND old.batch = row.batch AND old.action = 'changes'
    AND old.label = row.label AND old.changes STARTS WITH '{"entries": ['
    AND size(old.changes) + size(row.changes) <= $max_size
WITH row, head(collect(old)) AS old
FOREACH (_ IN CASE WHEN old IS NULL THEN [1] ELSE [] END |
  CREATE (:Change {id: row.id, at: datetime(), user: $user, action: 'changes', label: row.label,
                   record_id: row.record_id, record_name: row.record_name,
                   changes: row.changes, refs: row.refs, batch: row.batch, version: null}))
FOREACH (_ IN CASE WHEN old IS NOT NULL THEN [1] ELSE [] END |
  SET old.changes = left(old.changes, size(old.changes) - 2) + ', ' +
                    substring(row.changes, size('{"entries": [')),
      old.refs = coalesce(old.refs, []) + row.refs,
      old.record_name = row.record_name)
RETURN count(*) AS written
