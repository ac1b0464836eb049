// Survey answers handed in and not yet reviewed (no decision taken on any proposal), per
// survey, for the start page's worklist.
// returns: survey_id, title, count (int)
MATCH (a:SurveyAnswer)
WHERE a.submitted_at IS NOT NULL AND coalesce(a.decisions, '{}') = '{}'
MATCH (s:Survey {id: a.survey_id})
RETURN s.id AS survey_id, s.title AS title, count(a) AS count
ORDER BY count DESC, title
