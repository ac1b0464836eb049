// Actors created since $since that have no cooperation at all (in either direction), newest
// first, for the start page's worklist: new partners nobody has connected yet; of $org only
// the actors it owns or co-owns, null: all.
// params: $since (datetime), $limit (int), $org (slug or null), $default
// returns: id, name, total (int, all such actors)
MATCH (a:Actor)
WHERE a.created >= $since AND NOT EXISTS { (a)-[:COOPERATES_WITH]-(:Actor) }
  AND ($org IS NULL OR coalesce(a.org, $default) = $org OR $org IN coalesce(a.co_orgs, []))
WITH a ORDER BY a.created DESC
WITH collect(a) AS found
UNWIND (CASE WHEN size(found) = 0 THEN [null] ELSE found[..$limit] END) AS a
RETURN a.id AS id, a.name AS name, size(found) AS total
