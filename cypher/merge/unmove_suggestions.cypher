// Undo of a merge: the pipeline records the merge carried over to the survivor go (the
// duplicate's own come back from its snapshot, see trash/restore_suggestions.cypher).
// params: $survivor (actor id), $others (ids of the actors whose pair the merge created)
// returns: removed (int)
MATCH (:Actor {id: $survivor})-[s:SUGGESTION]-(x:Actor)
WHERE x.id IN $others
DELETE s
RETURN count(*) AS removed
