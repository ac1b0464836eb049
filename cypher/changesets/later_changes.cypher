// History entries written on some records after a moment, by anyone: an undo reads them to
// tell whether a value that differs from what the changeset wrote was changed by a later
// changeset (which it can step past) or by someone else (a conflict).
// params: $ids (list of record ids), $after (integer, microseconds since 1970), $batch
// returns: change (map; at as microseconds)
MATCH (c:Change)
WHERE c.record_id IN $ids AND c.at.epochMillis * 1000 + c.at.microsecond % 1000 > $after
  AND coalesce(c.batch, '') <> $batch
RETURN c {.*, at: c.at.epochMillis * 1000 + c.at.microsecond % 1000} AS change
ORDER BY c.at, c.id
