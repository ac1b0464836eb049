// After a restore: persons with an erasure note who are in the restored data again (the
// backup was made before their erasure); they are erased once more.
// returns: person_id
MATCH (e:Erasure)
MATCH (p:Person {id: e.person_id})
RETURN p.id AS person_id
