// One answer with the names the review needs.
// A person of another organisation than the reader's is not named.
// params: $id, $reader (organisation whose persons the reader sees, or null: all)
// returns: answer (map), actor_name, person_name, invite_person_id; no row if missing
MATCH (a:SurveyAnswer {id: $id})
OPTIONAL MATCH (i:SurveyInvite {id: a.invite_id})
OPTIONAL MATCH (act:Actor {id: a.actor_id})
OPTIONAL MATCH (p:Person {id: i.person_id})
  WHERE ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
RETURN a {.*} AS answer, coalesce(act.name, a.actor_id) AS actor_name,
       trim(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')) AS person_name,
       coalesce(i.person_id, '') AS invite_person_id
