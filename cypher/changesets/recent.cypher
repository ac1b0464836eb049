// Changesets, newest first, for the list page and the start page.
// Proposals (one office's change to another's record) are listed only for the two offices.
// params: $skip, $limit, $kinds (list of kinds, empty for all), $org (slug or null: all)
// returns: changeset (map), total (int, all matching)
MATCH (c:Changeset)
WHERE (size($kinds) = 0 OR c.kind IN $kinds)
  AND ($org IS NULL OR c.kind <> 'proposal' OR c.to_org = $org OR c.from_org = $org)
WITH c ORDER BY c.created DESC
WITH collect(c) AS found
UNWIND found[$skip..$skip + $limit] AS c
RETURN c {.*} AS changeset, size(found) AS total
