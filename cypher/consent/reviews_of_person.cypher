// A person's Löschkonzept reviews, newest first, for the Auskunft.
// params: $id (person id)
// returns: review (map)
MATCH (r:ConsentReview {person_id: $id})
RETURN r {.*} AS review
ORDER BY r.at DESC
