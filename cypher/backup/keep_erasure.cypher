// After a restore: keep the erasure notes the database had before (a backup made before an
// erasure lacks them).
// params: $person_id (string)
// returns: kept (int)
MERGE (e:Erasure {person_id: $person_id})
ON CREATE SET e.id = 'erasure-' + $person_id, e.at = datetime(), e.user = 'system'
RETURN count(e) AS kept
