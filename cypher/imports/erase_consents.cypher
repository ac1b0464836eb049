// Undo of an import: the consent ledger of persons the import created goes with them
// (records refer to their person by id, not by a relationship).
// params: $ids (list of person ids)
// returns: removed (int)
UNWIND $ids AS id
MATCH (n:Consent|ConsentReview {person_id: id})
DETACH DELETE n
RETURN count(*) AS removed
