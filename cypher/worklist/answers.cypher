// Survey answers handed in and not yet reviewed (no decision taken on any proposal), per
// survey, for the start page's worklist; of $org, the answers about actors it owns or co-owns
// (it reviews them), every answer for null (the instance admin).
// params: $org (slug or null), $default (the default slug)
// returns: survey_id, title, count (int)
MATCH (a:SurveyAnswer)
WHERE a.submitted_at IS NOT NULL AND coalesce(a.decisions, '{}') = '{}'
MATCH (s:Survey {id: a.survey_id})
OPTIONAL MATCH (act:Actor {id: a.actor_id})
WITH s, a, act
WHERE $org IS NULL
   OR (act IS NOT NULL
       AND (coalesce(act.org, $default) = $org OR $org IN coalesce(act.co_orgs, [])))
RETURN s.id AS survey_id, s.title AS title, count(a) AS count
ORDER BY count DESC, title
