// The newest export log entries (without the person id lists, which can be long).
// params: $skip (int), $limit (int)
// returns: log (map), total (int)
MATCH (e:ExportLog)
WITH count(e) AS total
MATCH (e:ExportLog)
WITH e, total ORDER BY e.at DESC SKIP $skip LIMIT $limit
RETURN e {.*, person_ids: null} AS log, total
