// Save a respondent's answer (created on first save, replaced on every later one). Once
// submitted it stays submitted; a later save keeps the first submission time.
// params: $id (new answer id, used only on create), $invite_id, $survey_id, $actor_id,
//         $data (JSON text), $person_ids, $partner_ids (lists), $submit (bool)
// returns: answer (map)
MERGE (a:SurveyAnswer {invite_id: $invite_id})
ON CREATE SET a.id = $id, a.survey_id = $survey_id, a.actor_id = $actor_id, a.version = 0,
              a.decisions = '{}'
SET a.data = $data, a.person_ids = $person_ids, a.partner_ids = $partner_ids,
    a.saved_at = datetime(), a.version = a.version + 1,
    a.submitted_at = CASE WHEN $submit THEN coalesce(a.submitted_at, datetime())
                          ELSE a.submitted_at END
RETURN a {.*} AS answer
