// Save a respondent's answer (created on first save, replaced on every later one; the caller
// locked the survey and checked the version in the same transaction). Handing in copies the
// answer to submitted_data (what the review reads) with its version; a draft saved later
// changes data only. Once submitted it stays submitted, with the first submission time.
// The consent wording of the survey at handing in is kept with the handed-in copy: a consent
// is recorded with the wording the respondent saw, also if the office changes it later.
// params: $id (new answer id, used only on create), $invite_id, $survey_id, $actor_id,
//         $data (JSON text), $person_ids, $partner_ids (lists), $submit (bool), $wording
// returns: answer (map)
MERGE (a:SurveyAnswer {invite_id: $invite_id})
ON CREATE SET a.id = $id, a.survey_id = $survey_id, a.actor_id = $actor_id, a.version = 0,
              a.decisions = '{}'
SET a.data = $data, a.person_ids = $person_ids, a.partner_ids = $partner_ids,
    a.saved_at = datetime(), a.version = a.version + 1
SET a.submitted_at = CASE WHEN $submit THEN coalesce(a.submitted_at, datetime())
                          ELSE a.submitted_at END,
    a.submitted_data = CASE WHEN $submit THEN $data ELSE a.submitted_data END,
    a.submitted_version = CASE WHEN $submit THEN a.version ELSE a.submitted_version END,
    a.submitted_wording = CASE WHEN $submit THEN $wording ELSE a.submitted_wording END
RETURN a {.*} AS answer
