// Record a password attempt on a share link. A wrong one counts, and from the fifth on the
// link is locked for 30 s, doubling with each further failure (at most an hour); a right
// one resets the count. Runs in one statement, so parallel guesses cannot skip the count.
// params: $id, $ok (bool), $free_tries (int)
// returns: failed (int), locked_until (datetime or null)
MATCH (s:ShareLink {id: $id})
WITH s, CASE WHEN $ok THEN 0 ELSE coalesce(s.failed, 0) + 1 END AS failed
SET s.failed = failed,
    s.locked_until = CASE
      WHEN failed < $free_tries THEN null
      ELSE datetime() + duration({seconds: toInteger(
        CASE WHEN 30 * 2 ^ (failed - $free_tries) > 3600 THEN 3600
             ELSE 30 * 2 ^ (failed - $free_tries) END)})
    END
RETURN s.failed AS failed, s.locked_until AS locked_until
