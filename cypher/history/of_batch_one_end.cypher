// The history entries of one changeset an undo needs, oldest first: a link change is
// recorded on both ends, and one end says all (its other end by id), so the entries on a
// link's incoming end are left out (nearly half of what an import wrote; reading them took
// a fifth of the undo of a partner list). A link entry's `changes` start with its link part,
// which holds the direction before any field.
// params: $batch (string)
// returns: change (map; at as an integer, see history.of_batch)
MATCH (c:Change {batch: $batch})
WHERE NOT (c.changes STARTS WITH '{"link": {' AND c.changes CONTAINS '"direction": "in"')
RETURN c {.*, at: c.at.epochMillis * 1000 + c.at.microsecond % 1000} AS change
ORDER BY c.at, c.id
