// Every logged erasure: the suppression list (person ids, when, salted hashes of name and
// e-mail), for re-applying erasures after a restore and for recognising erased persons in
// an old workbook.
// returns: person_id, at (datetime), user, hashes (list)
MATCH (e:Erasure)
RETURN e.person_id AS person_id, e.at AS at, coalesce(e.user, '') AS user,
       coalesce(e.hashes, []) AS hashes
