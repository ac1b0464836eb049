// The answers one actor handed in to a survey (the wave a later survey follows), oldest
// first: with one link per contact person an organisation may have several.
// params: $survey_id, $actor_id
// returns: data (JSON text of the handed-in answer)
MATCH (a:SurveyAnswer {survey_id: $survey_id, actor_id: $actor_id})
WHERE a.submitted_at IS NOT NULL
RETURN coalesce(a.submitted_data, a.data) AS data
ORDER BY a.submitted_at, a.id
