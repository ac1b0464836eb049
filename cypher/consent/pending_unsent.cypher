// Pending consents (given for the person by someone else) whose confirmation mail has not
// been sent yet, with what the mail needs: the person's address and name.
// returns: consent (map), person (map: id, title, first_name, last_name, email)
MATCH (c:Consent {status: 'pending'})
WHERE c.confirm_sent_at IS NULL
MATCH (p:Person {id: c.person_id})
RETURN c {.*} AS consent, p {.id, .title, .first_name, .last_name, .email} AS person
ORDER BY c.recorded_at
LIMIT 5000
