// The answers of a survey (submitted ones only, or all), with the actor's and the
// respondent person's names, oldest submission first.
// A person of another organisation than the reader's is not named.
// params: $survey_id, $submitted_only (bool), $reader (organisation whose persons the reader sees, or null: all)
// returns: answer (map), actor_name, person_name, invite_person_id
MATCH (a:SurveyAnswer {survey_id: $survey_id})
WHERE NOT $submitted_only OR a.submitted_at IS NOT NULL
OPTIONAL MATCH (i:SurveyInvite {id: a.invite_id})
OPTIONAL MATCH (act:Actor {id: a.actor_id})
OPTIONAL MATCH (p:Person {id: i.person_id})
  WHERE ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
RETURN a {.*} AS answer, coalesce(act.name, a.actor_id) AS actor_name,
       trim(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')) AS person_name,
       coalesce(i.person_id, '') AS invite_person_id
ORDER BY a.submitted_at, a.id
