// DSGVO Löschung, survey part: delete the person's own invitations and the answers given
// through them; return the other answers that mention the person (their data is rewritten
// without the person by the caller, in the same transaction).
// params: $id (person id)
// returns: removed (int: invitations + answers deleted), mentions (list of {id, data,
//          submitted_data})
OPTIONAL MATCH (i:SurveyInvite {person_id: $id})
OPTIONAL MATCH (own:SurveyAnswer {invite_id: i.id})
WITH collect(DISTINCT i) AS invites, collect(DISTINCT own) AS answers
FOREACH (n IN answers | DETACH DELETE n)
FOREACH (n IN invites | DETACH DELETE n)
WITH size(invites) + size(answers) AS removed
OPTIONAL MATCH (a:SurveyAnswer)
WHERE $id IN a.person_ids
RETURN removed, collect(a {.id, .data, .submitted_data}) AS mentions
