// The newest trash entries (without the snapshot text, which can be large).
// params: $skip (int), $limit (int)
// returns: entry (map)
MATCH (t:Trash)
RETURN t {.id, .at, .user, .label, .record_id, .record_name} AS entry
ORDER BY t.at DESC
SKIP $skip LIMIT $limit
