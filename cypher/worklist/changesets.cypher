// Changesets that need a look: failed ones of the last $days days and those not finished
// (stored but not applied, or stuck in a step), for the start page's worklist. Of $org: the
// changesets its accounts started and the proposals addressed to it or sent by it; null: all.
// params: $unfinished (list of states), $since (datetime), $org (slug or null), $default
// returns: state, count (int)
MATCH (c:Changeset)
WHERE (c.state IN $unfinished OR (c.state = 'failed' AND c.created >= $since))
  AND ($org IS NULL OR $org IN [c.to_org, c.from_org]
       OR EXISTS { MATCH (u:User {username: c.author}) WHERE coalesce(u.org, $default) = $org })
RETURN c.state AS state, count(c) AS count
