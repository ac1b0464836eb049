// The stored link hash and generation of every invitation of a survey, so that the links
// handed out can be derived again and checked before they are shown.
// params: $survey_id
// returns: id, hash (or null), generation (int)
MATCH (i:SurveyInvite {survey_id: $survey_id})
RETURN i.id AS id, i.hash AS hash, coalesce(i.generation, 0) AS generation
