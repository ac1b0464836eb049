// Survey data about one person, for the Auskunft: the person's own invitations (with their
// survey's title) and every answer that mentions the person (as its respondent or among the
// confirmed contact persons). Never the link secrets' hashes.
// params: $id (person id)
// returns: invites (list of maps: survey, title, actor_id, issued_at, sent_at, reminded_at,
//          revoked), answers (list of maps: id, survey, title, data, saved_at, submitted_at)
CALL {
  OPTIONAL MATCH (i:SurveyInvite {person_id: $id})
  OPTIONAL MATCH (s:Survey {id: i.survey_id})
  RETURN collect(CASE WHEN i IS NULL THEN null ELSE
           i {survey: i.survey_id, title: s.title, .actor_id, .issued_at, .sent_at,
              .reminded_at, .revoked} END) AS invites
}
CALL {
  OPTIONAL MATCH (a:SurveyAnswer)
  WHERE $id IN a.person_ids
  OPTIONAL MATCH (s:Survey {id: a.survey_id})
  RETURN collect(CASE WHEN a IS NULL THEN null ELSE
           a {.id, survey: a.survey_id, title: s.title, .data, .saved_at, .submitted_at} END)
         AS answers
}
RETURN invites, answers
