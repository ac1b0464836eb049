// Store new link hashes (the secrets themselves are never stored); the old link of each
// invitation stops working at once. Revoked invitations get no link.
// params: $survey_id, $rows (list of {id, hash})
// returns: id (one row per invitation that got its new hash)
UNWIND $rows AS row
MATCH (i:SurveyInvite {id: row.id, survey_id: $survey_id})
WHERE NOT i.revoked
SET i.hash = row.hash, i.issued_at = datetime()
RETURN i.id AS id
