// Create a survey and all its invitations in one transaction (links are issued later).
// params: $id, $props (map), $invites (list of {id, actor_id, person_id})
// returns: survey (map), invites (int)
CREATE (s:Survey {id: $id})
SET s += $props, s.created = datetime()
WITH s
UNWIND $invites AS row
CREATE (:SurveyInvite {id: row.id, survey_id: s.id, actor_id: row.actor_id,
                       person_id: row.person_id, hash: '', revoked: false})
WITH s, count(*) AS invites
RETURN s {.*} AS survey, invites
