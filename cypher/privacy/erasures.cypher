// Every logged erasure (person ids only), for re-applying erasures after a restore.
// returns: person_id
MATCH (e:Erasure)
RETURN e.person_id AS person_id
