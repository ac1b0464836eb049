// Store link hashes (the secrets themselves are never stored). A first issue only fills
// invitations without a link (two downloads at once store the same derived hash); renewing
// replaces the hash and generation, and the old link of each invitation stops working at
// once. Revoked invitations get no link.
// params: $survey_id, $rows (list of {id, hash, generation}), $renew (bool)
// returns: id (one row per invitation that got a hash)
UNWIND $rows AS row
MATCH (i:SurveyInvite {id: row.id, survey_id: $survey_id})
WHERE NOT coalesce(i.revoked, false) AND ($renew OR coalesce(i.hash, '') = '')
SET i.hash = row.hash, i.generation = row.generation, i.issued_at = datetime()
RETURN i.id AS id
