// Keep the hash of a pending consent's confirmation secret (the secret itself only goes
// out in the mail) and until when it may be used; $sent marks the mail as sent.
// params: $id, $hash (string or null), $expires (date or null), $sent (bool)
// returns: consent (map); no row if the record is not pending
MATCH (c:Consent {id: $id, status: 'pending'})
SET c.confirm_hash = coalesce($hash, c.confirm_hash),
    c.confirm_expires = coalesce($expires, c.confirm_expires),
    c.confirm_sent_at = CASE WHEN $sent THEN datetime() ELSE c.confirm_sent_at END
RETURN c {.*} AS consent
