// Colleagues' changes since $since (not the reader's own): how many, and the newest few. A
// link change is recorded on both ends; only the entry on the link's start (or a record's
// own entry) is counted, so each change counts once.
// params: $user (the reader), $since (datetime), $limit (int)
// returns: change (map or null; at as microseconds since 1970), total (int)
MATCH (c:Change)
WHERE c.at >= $since AND c.user <> $user AND c.user <> ''
  AND NOT c.changes CONTAINS '"direction": "in"'
WITH c ORDER BY c.at DESC
WITH collect(c) AS found
UNWIND (CASE WHEN size(found) = 0 THEN [null] ELSE found[..$limit] END) AS c
RETURN CASE WHEN c IS NULL THEN null
            ELSE c {.*, at: c.at.epochMillis * 1000 + c.at.microsecond % 1000} END AS change,
       size(found) AS total
