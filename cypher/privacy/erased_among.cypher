// The suppression list: which of these record ids belong to persons erased under Art. 17
// DSGVO (an undo from the trash and a restore must never bring them back).
// params: $ids (list of strings)
// returns: person_id, at (datetime of the erasure)
UNWIND $ids AS id
MATCH (e:Erasure {person_id: id})
RETURN e.person_id AS person_id, e.at AS at
