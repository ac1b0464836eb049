// Changesets, newest first, for the list page and the start page.
// params: $skip, $limit, $kinds (list of kinds, empty for all)
// returns: changeset (map), total (int, all matching)
MATCH (c:Changeset)
WHERE size($kinds) = 0 OR c.kind IN $kinds
WITH c ORDER BY c.created DESC
WITH collect(c) AS found
UNWIND found[$skip..$skip + $limit] AS c
RETURN c {.*} AS changeset, size(found) AS total
