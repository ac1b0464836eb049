// Roll back a large import that failed half-way: after its writes were reverted, its history
// entries go too, as a rolled-back transaction leaves none. Batches of $limit entries.
// params: $batch (string), $limit (int)
// returns: deleted (int)
MATCH (c:Change {batch: $batch})
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS deleted
