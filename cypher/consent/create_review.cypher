// Record a one-click decision of the Löschkonzept review for a person (and, for an expiring
// consent, that consent), inside the transaction that writes the person's history entry.
// params: $id, $person_id, $consent_id ('' for the person as a whole), $outcome, $user
// returns: review (map); no row if the person is missing
MATCH (p:Person {id: $person_id})
CREATE (r:ConsentReview {id: $id, person_id: $person_id, consent_id: $consent_id,
                         outcome: $outcome, user: $user, at: datetime()})
RETURN r {.*} AS review
