// Actors created since $since that have no cooperation at all (in either direction), newest
// first, for the start page's worklist: new partners nobody has connected yet.
// params: $since (datetime), $limit (int)
// returns: id, name, total (int, all such actors)
MATCH (a:Actor)
WHERE a.created >= $since AND NOT EXISTS { (a)-[:COOPERATES_WITH]-(:Actor) }
WITH a ORDER BY a.created DESC
WITH collect(a) AS found
UNWIND (CASE WHEN size(found) = 0 THEN [null] ELSE found[..$limit] END) AS a
RETURN a.id AS id, a.name AS name, size(found) AS total
