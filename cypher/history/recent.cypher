// The newest history entries across all records, optionally of one user.
// params: $user (string or null), $skip (int), $limit (int)
// returns: change (map)
MATCH (c:Change)
WHERE $user IS NULL OR c.user = $user
RETURN c {.*} AS change
ORDER BY c.at DESC
SKIP $skip LIMIT $limit
