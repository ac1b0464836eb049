// One changeset's metadata (not its journal).
// params: $id
// returns: changeset (map)
MATCH (c:Changeset {id: $id})
RETURN c {.*} AS changeset
