// The partner-suggestion pipeline records (angesprochen, vereinbart, verworfen) that touch
// an actor, read before the actor is deleted: they go into its trash snapshot, so undoing
// the delete brings them back (DETACH DELETE removes them with the actor).
// params: $id (actor id)
// returns: a, b (actor ids, a → b as stored), props (map: status, by, at, note, log,
//          link_id, created_by, created_at)
MATCH (:Actor {id: $id})-[s:SUGGESTION]-(:Actor)
RETURN startNode(s).id AS a, endNode(s).id AS b, properties(s) AS props
