// The newest export log entries (without the person id lists, which can be long).
// Of $org only the exports made by its accounts (null: all; the instance admin's filter).
// params: $org (slug or null), $default, $skip (int), $limit (int)
// returns: log (map), total (int)
MATCH (e:ExportLog)
WHERE $org IS NULL OR EXISTS { MATCH (u:User {username: e.user}) WHERE coalesce(u.org, $default) = $org }
WITH count(e) AS total
MATCH (e:ExportLog)
WHERE $org IS NULL OR EXISTS { MATCH (u:User {username: e.user}) WHERE coalesce(u.org, $default) = $org }
WITH e, total ORDER BY e.at DESC SKIP $skip LIMIT $limit
RETURN e {.*, person_ids: null} AS log, total
