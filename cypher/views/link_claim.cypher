// Claim one password attempt on a share link before the password is checked, counted as a
// failure until the check says otherwise (views/link_passed). The link's write lock is taken
// first, so parallel guesses are counted one after another and none is lost. Two counters:
// the client's (an attempt node per link and hashed client address) locks after
// $free_tries wrong guesses, the link's own after $link_free_tries (guessing from many
// addresses); each lock lasts 30 s, doubling with each further failure, at most an hour.
// A claim while either lock holds counts nothing and is refused.
// params: $id, $attempt_id (link id + client hash), $free_tries (int), $link_free_tries (int)
// returns: allowed (bool), locked_until (datetime or null: the later of both locks),
//          password_hash (string)
MATCH (s:ShareLink {id: $id})
SET s.__lock = true
REMOVE s.__lock
MERGE (a:ShareAttempt {id: $attempt_id})
  ON CREATE SET a.link_id = $id, a.failed = 0, a.created = datetime()
WITH s, a, datetime() AS now
WITH s, a, now,
     [t IN [s.locked_until, a.locked_until] WHERE t IS NOT NULL AND t > now] AS locks
WITH s, a, now, locks, size(locks) = 0 AS allowed,
     coalesce(s.failed, 0) + 1 AS link_failed, coalesce(a.failed, 0) + 1 AS client_failed
FOREACH (_ IN CASE WHEN allowed THEN [1] ELSE [] END |
  SET s.failed = link_failed,
      s.locked_until = CASE WHEN link_failed < $link_free_tries THEN null
        ELSE now + duration({seconds: toInteger(CASE
          WHEN 30 * 2 ^ (link_failed - $link_free_tries) > 3600 THEN 3600
          ELSE 30 * 2 ^ (link_failed - $link_free_tries) END)}) END,
      a.failed = client_failed,
      a.at = now,
      a.locked_until = CASE WHEN client_failed < $free_tries THEN null
        ELSE now + duration({seconds: toInteger(CASE
          WHEN 30 * 2 ^ (client_failed - $free_tries) > 3600 THEN 3600
          ELSE 30 * 2 ^ (client_failed - $free_tries) END)}) END
)
RETURN allowed,
       CASE WHEN allowed THEN null
            ELSE reduce(m = head(locks), t IN locks | CASE WHEN t > m THEN t ELSE m END) END
         AS locked_until,
       coalesce(s.password_hash, '') AS password_hash
