// Begin a respondent's save: lock the survey node (closing writes it too, so a save and a
// close are ordered, and saves through one link never interleave), and return what decides
// whether the save may be written: survey state and closing date, the invitation's link hash
// and revocation, and the answer stored so far with its version.
// params: $survey_id, $invite_id
// returns: status, closes (date), hash, revoked (bool), answer (map or null), wording (the
//          consent wording the page shows now); no row if missing
MATCH (s:Survey {id: $survey_id})
MATCH (i:SurveyInvite {id: $invite_id, survey_id: $survey_id})
SET s.answer_lock = coalesce(s.answer_lock, 0) + 1
WITH s, i
OPTIONAL MATCH (a:SurveyAnswer {invite_id: i.id})
RETURN s.status AS status, s.closes AS closes, i.hash AS hash,
       coalesce(i.revoked, false) AS revoked, a {.version, .data} AS answer,
       coalesce(s.consent_wording, '') AS wording
