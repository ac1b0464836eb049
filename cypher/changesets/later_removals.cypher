// History entries of later changesets that deleted a record (a merge's duplicate) or removed
// a relationship on some records: an undo is refused while such a changeset still builds
// on what it would revert (undoing the later one first returns the graph exactly). Folded
// entries (`changes`, several entries on one record) come too; the caller looks inside.
// params: $ids (record ids the changeset wrote on), $batches (later changesets still applied)
// returns: change (map; at as microseconds)
MATCH (c:Change)
WHERE c.record_id IN $ids AND c.batch IN $batches AND c.action IN ['merge', 'unlink', 'changes']
RETURN c {.*, at: c.at.epochMillis * 1000 + c.at.microsecond % 1000} AS change
