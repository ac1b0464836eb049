// Read a pending consent for its confirmation under its write lock, so of two answers
// through the same link only one finds it pending.
// params: $id
// returns: consent (map, with confirm_hash and confirm_expires), person (map); no row if
//          the record is missing
MATCH (c:Consent {id: $id})
SET c.__lock = true
REMOVE c.__lock
WITH c
OPTIONAL MATCH (p:Person {id: c.person_id})
RETURN c {.*} AS consent, p {.id, .title, .first_name, .last_name} AS person
