// Progress of a changeset, in the transaction that applied (or undid) one more part: the
// counts so far, how many units are done, and a heartbeat the watcher reads to tell a
// running changeset from one whose process died.
// params: $id, $done (int, units added), $counts (JSON string, the running totals)
// returns: done
MATCH (c:Changeset {id: $id})
SET c.done = c.done + $done, c.counts = $counts, c.heartbeat = datetime(),
    c.updated = datetime()
RETURN c.done AS done
