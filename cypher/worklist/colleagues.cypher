// Colleagues' changes since $since (not the reader's own): how many, and the newest few. Each
// change counts once: a link change is recorded on both ends, and only the entry on the
// link's start (or a record's own entry) is counted; the entries of a changeset (an import,
// a workbook) are left out, its one summary entry stands for it.
// Colleagues are the accounts of the reader's organisation $org (null: every account).
// params: $user (the reader), $since (datetime), $limit (int), $org (slug or null), $default
// returns: total (int), changes (list of maps, newest first; at as microseconds since 1970)
CALL () {
  MATCH (c:Change)
  WHERE c.at >= $since AND c.user <> $user AND c.user <> '' AND coalesce(c.batch, '') = ''
    AND NOT c.changes CONTAINS '"direction": "in"'
    AND ($org IS NULL
         OR EXISTS { MATCH (u:User {username: c.user}) WHERE coalesce(u.org, $default) = $org })
  RETURN count(c) AS total
}
CALL () {
  MATCH (c:Change)
  WHERE c.at >= $since AND c.user <> $user AND c.user <> '' AND coalesce(c.batch, '') = ''
    AND NOT c.changes CONTAINS '"direction": "in"'
    AND ($org IS NULL
         OR EXISTS { MATCH (u:User {username: c.user}) WHERE coalesce(u.org, $default) = $org })
  WITH c ORDER BY c.at DESC LIMIT $limit
  RETURN collect(c {.*, at: c.at.epochMillis * 1000 + c.at.microsecond % 1000}) AS changes
}
RETURN total, changes
