// The newest history entries across all records, optionally of one user, optionally of the
// accounts of one organisation $org (the audit per office; an entry of a name without an
// account, the command line, belongs to the instance and shows only unfiltered).
// params: $user (string or null), $org (slug or null), $default, $skip (int), $limit (int)
// returns: change (map)
MATCH (c:Change)
WHERE ($user IS NULL OR c.user = $user)
  AND ($org IS NULL OR EXISTS { MATCH (u:User {username: c.user}) WHERE coalesce(u.org, $default) = $org })
RETURN c {.*} AS change
ORDER BY c.at DESC
SKIP $skip LIMIT $limit
