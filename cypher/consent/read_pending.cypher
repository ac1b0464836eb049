// Read a consent for its confirmation page (no lock: opening the link changes nothing).
// params: $id
// returns: consent (map, with confirm_hash and confirm_expires), person (map)
MATCH (c:Consent {id: $id})
OPTIONAL MATCH (p:Person {id: c.person_id})
RETURN c {.*} AS consent, p {.id, .title, .first_name, .last_name} AS person
