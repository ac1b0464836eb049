// The invitations of a survey with the names of their actor and person and whether an
// answer was saved / submitted through them (for progress pages and the link lists).
// A person of another organisation than the reader's is not named.
// params: $survey_id, $reader (organisation whose persons the reader sees, or null: all)
// returns: invite (map without the hash), actor_name, person_name, answered (bool),
//          submitted_at (datetime or null)
MATCH (i:SurveyInvite {survey_id: $survey_id})
OPTIONAL MATCH (a:Actor {id: i.actor_id})
OPTIONAL MATCH (p:Person {id: i.person_id})
  WHERE ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
OPTIONAL MATCH (ans:SurveyAnswer {invite_id: i.id})
RETURN i {.id, .survey_id, .actor_id, .person_id, .issued_at, .sent_at, .reminded_at,
          .revoked} AS invite,
       coalesce(a.name, i.actor_id) AS actor_name,
       trim(coalesce(p.title, '') + ' ' + coalesce(p.first_name, '') + ' ' +
            coalesce(p.last_name, '')) AS person_name,
       ans IS NOT NULL AS answered, ans.submitted_at AS submitted_at
ORDER BY toLower(actor_name), person_name, i.id
