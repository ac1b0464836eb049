// Every history entry written by one import (its batch id), oldest first, for the import's
// result page and for undoing the import as one step.
// `at` comes as microseconds since 1970 (UTC), not as a DateTime: an import of 5,000 rows
// has 70,000 entries, and the driver's DateTime decoding took half of this read.
// params: $batch (string)
// returns: change (map; at as an integer, see history.of_batch)
MATCH (c:Change {batch: $batch})
RETURN c {.*, at: c.at.epochMillis * 1000 + c.at.microsecond % 1000} AS change
ORDER BY c.at, c.id
