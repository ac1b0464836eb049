// History of one record, newest first.
// params: $record_id (string), $limit (int)
// returns: change (map)
MATCH (c:Change {record_id: $record_id})
RETURN c {.*} AS change
ORDER BY c.at DESC
LIMIT $limit
