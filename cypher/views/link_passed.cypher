// The password of a claimed attempt (views/link_claim) was right: the client's count starts
// again and the link's count takes back the failure the claim counted in advance (and with
// it a lock that this very claim set).
// params: $id, $attempt_id, $link_free_tries (int)
// returns: failed (int: the link's count now)
MATCH (s:ShareLink {id: $id})
SET s.__lock = true
REMOVE s.__lock
WITH s, CASE WHEN coalesce(s.failed, 0) > 0 THEN s.failed - 1 ELSE 0 END AS failed
SET s.failed = failed,
    s.locked_until = CASE WHEN failed < $link_free_tries THEN null ELSE s.locked_until END
WITH s
OPTIONAL MATCH (a:ShareAttempt {id: $attempt_id})
SET a.failed = 0, a.locked_until = null
RETURN s.failed AS failed
