// Revoke an invitation: its link stops working (the hash stays, so the holder is told the
// link was withdrawn) and no new one is issued for it. Answers given stay for the review.
// params: $survey_id, $id
// returns: id; no row if missing
MATCH (i:SurveyInvite {id: $id, survey_id: $survey_id})
SET i.revoked = true
RETURN i.id AS id
