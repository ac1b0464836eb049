// A person's consent ledger, newest first (by the consent's date, then when it was recorded).
// params: $id (person id)
// returns: consent (map)
MATCH (c:Consent {person_id: $id})
RETURN c {.*} AS consent
ORDER BY c.date DESC, c.recorded_at DESC
