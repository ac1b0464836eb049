// Undo of a changeset: the consent ledger entries it wrote for some persons go, together
// with the consent fields it set on them (which the undo reverted in the same transaction).
// params: $ids (list of person ids), $changeset (its id)
// returns: removed (int)
UNWIND $ids AS id
MATCH (n:Consent {person_id: id, changeset: $changeset})
DETACH DELETE n
RETURN count(*) AS removed
