// Per surveyed actor: its kind, its seat's region, whether any of its invitations has a
// submitted answer, and when it was last mailed — the base of the progress figures.
// params: $survey_id
// returns: actor_id, actor_name, kind, region, answered (bool), saved (bool),
//          invites (int), revoked (int), last_mail (datetime or null)
MATCH (i:SurveyInvite {survey_id: $survey_id})
OPTIONAL MATCH (ans:SurveyAnswer {invite_id: i.id})
WITH i.actor_id AS actor_id, collect(i) AS invites, collect(ans) AS answers
OPTIONAL MATCH (a:Actor {id: actor_id})
OPTIONAL MATCH (a)-[:LOCATED_IN]->(r:Region)
WITH actor_id, a, invites, answers, min(r.name) AS region
RETURN actor_id, coalesce(a.name, actor_id) AS actor_name, coalesce(a.kind, '') AS kind,
       coalesce(region, '') AS region,
       any(x IN answers WHERE x.submitted_at IS NOT NULL) AS answered,
       size(answers) > 0 AS saved,
       size(invites) AS invites,
       size([x IN invites WHERE x.revoked]) AS revoked,
       reduce(m = null, x IN invites |
         CASE WHEN coalesce(x.reminded_at, x.sent_at) > m OR m IS NULL
              THEN coalesce(x.reminded_at, x.sent_at) ELSE m END) AS last_mail
ORDER BY toLower(actor_name)
