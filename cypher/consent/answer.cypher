// The person's answer to a pending consent: confirmed or declined, when and how; the
// confirmation secret is forgotten, so the link works once.
// params: $id, $status ('confirmed' | 'declined'), $how (string)
// returns: consent (map)
MATCH (c:Consent {id: $id, status: 'pending'})
SET c.status = $status, c.confirmed_at = datetime(), c.confirmed_how = $how
REMOVE c.confirm_hash
RETURN c {.*} AS consent
