// Undo of a changeset: the consent ledger entries it wrote go (the undo reverted the consent
// fields they stand for), except those of persons whose consent fields someone changed
// since (a conflict: the ledger stays with the fields left as they are).
// params: $changeset (its id), $keep (list of person ids whose entries stay)
// returns: removed (int)
MATCH (n:Consent {changeset: $changeset})
WHERE NOT n.person_id IN $keep
DETACH DELETE n
RETURN count(*) AS removed
