// Store a changeset and its whole journal before anything of it is applied: the metadata
// node and one part per unit of work (a batch of records or links with their base and
// proposed values, as JSON), all pending.
// params: $id, $props (map: kind, title, source, author, total, counts, conflicts),
//         $parts (list of {seq, size, payload})
// returns: id
CREATE (c:Changeset {id: $id})
SET c += $props, c.state = 'proposed', c.done = 0, c.created = datetime(),
    c.updated = datetime(), c.heartbeat = datetime()
WITH c
UNWIND $parts AS part
CREATE (:ChangesetPart {id: $id + '-' + toString(part.seq), changeset: $id, seq: part.seq, size: part.size,
                        payload: part.payload, state: 'pending'})
WITH DISTINCT c
RETURN c.id AS id
