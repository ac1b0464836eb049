// Remember that a person was erased (id and time only, no personal data), so restoring a
// backup made before the erasure erases the person again.
// params: $person_id (string), $user (string)
// returns: logged (int)
MERGE (e:Erasure {person_id: $person_id})
ON CREATE SET e.id = 'erasure-' + $person_id, e.at = datetime(), e.user = $user
RETURN count(e) AS logged
