// Remember that a person was erased (id, time and salted hashes of name and e-mail, no
// personal data), so restoring a backup made before the erasure erases the person again and
// an old workbook naming the person is recognised. A repeated erasure adds hashes.
// params: $person_id (string), $user (string), $hashes (list of strings)
// returns: logged (int)
MERGE (e:Erasure {person_id: $person_id})
ON CREATE SET e.id = 'erasure-' + $person_id, e.at = datetime(), e.user = $user
SET e.hashes = coalesce(e.hashes, []) + [h IN $hashes WHERE NOT h IN coalesce(e.hashes, [])]
RETURN count(e) AS logged
