// After a restore: keep the erasure notes the database had before (a backup made before an
// erasure lacks them), with their time and suppression hashes.
// params: $rows (list of {person_id, at, user, hashes})
// returns: kept (int)
UNWIND $rows AS row
MERGE (e:Erasure {person_id: row.person_id})
ON CREATE SET e.id = 'erasure-' + row.person_id, e.at = coalesce(row.at, datetime()),
              e.user = coalesce(row.user, 'system')
SET e.hashes = coalesce(e.hashes, []) +
               [h IN coalesce(row.hashes, []) WHERE NOT h IN coalesce(e.hashes, [])]
RETURN count(e) AS kept
