// Undo a dismissal: the pair may be suggested again.
// params: a, b (actor ids, either order)
// returns: removed (count)
OPTIONAL MATCH (:Actor {id: $a})-[d:DISMISSED_SUGGESTION]-(:Actor {id: $b})
DELETE d
RETURN count(d) AS removed
