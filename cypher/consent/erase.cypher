// DSGVO Löschung: remove a person's consent ledger and review decisions with the person.
// params: $id (person id)
// returns: removed (int)
OPTIONAL MATCH (n:Consent|ConsentReview {person_id: $id})
WITH collect(n) AS doomed
FOREACH (n IN doomed | DETACH DELETE n)
RETURN size(doomed) AS removed
