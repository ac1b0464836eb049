// The watcher's claim on a changeset left unfinished by a process that died or lost the
// database: its heartbeat is older than $seconds. Taking the heartbeat under the node's
// write lock makes one worker win; the others see a fresh heartbeat and leave it. A
// proposal waiting for its owner's decision is not unfinished work: it is never claimed.
// params: $seconds (int), $states (list: the unfinished states)
// returns: id, state
MATCH (c:Changeset)
WHERE c.state IN $states
  AND NOT (c.kind = 'proposal' AND c.state = 'proposed')
  AND c.heartbeat < datetime() - duration({seconds: $seconds})
SET c.heartbeat = datetime()
RETURN c.id AS id, c.state AS state
ORDER BY c.created
