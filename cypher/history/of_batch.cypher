// Every history entry written by one import (its batch id), oldest first, for the import's
// result page and for undoing the import as one step.
// params: $batch (string)
// returns: change (map)
MATCH (c:Change {batch: $batch})
RETURN c {.*} AS change
ORDER BY c.at, c.id
