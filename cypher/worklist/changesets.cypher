// Changesets that need a look: failed ones of the last $days days and those not finished
// (stored but not applied, or stuck in a step), for the start page's worklist.
// params: $unfinished (list of states), $since (datetime)
// returns: state, count (int)
MATCH (c:Changeset)
WHERE c.state IN $unfinished OR (c.state = 'failed' AND c.created >= $since)
RETURN c.state AS state, count(c) AS count
