// The journal parts of a changeset in order, with or without their payloads (the undo and
// the page need only states and results).
// params: $id, $states (list: which part states), $payload (bool)
// returns: seq, size, state, payload (string or null), result (string or null)
MATCH (p:ChangesetPart {changeset: $id})
WHERE p.state IN $states
RETURN p.seq AS seq, p.size AS size, p.state AS state,
       CASE WHEN $payload THEN p.payload END AS payload, p.result AS result
ORDER BY seq
