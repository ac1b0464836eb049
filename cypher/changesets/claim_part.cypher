// Inside the transaction that applies one journal part: mark it applied, so that a second
// worker (or a retried transaction after a crash) never applies it twice. The write lock on
// the part node serialises concurrent claims; no row means someone applied it already.
// params: $id, $seq, $result (JSON string: counts and conflicts of this part)
// returns: seq
MATCH (p:ChangesetPart {changeset: $id, seq: $seq})
SET p._lock = true
REMOVE p._lock
WITH p WHERE p.state = 'pending'
SET p.state = 'applied', p.result = $result, p.applied = datetime()
RETURN p.seq AS seq
