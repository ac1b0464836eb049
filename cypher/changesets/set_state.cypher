// Move a changeset to another state, only from one of the states expected (so two workers
// cannot both start the same step). Extra properties (error, counts, undo result) go along.
// params: $id, $expect (list of states), $state, $props (map)
// returns: state (no row if the changeset was not in one of $expect)
MATCH (c:Changeset {id: $id})
WHERE c.state IN $expect
SET c += $props, c.state = $state, c.updated = datetime(), c.heartbeat = datetime()
RETURN c.state AS state
