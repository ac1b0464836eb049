// Every survey, newest first, with its invitation and submitted-answer counts.
// Only the surveys of the reader's organisation.
// params: $reader (the reader's organisation, or null: every survey)
// returns: survey (map), invites (int), submitted (int)
MATCH (s:Survey)
WHERE $reader IS NULL OR coalesce(s.org, 'default') = $reader
CALL (s) {
  OPTIONAL MATCH (i:SurveyInvite {survey_id: s.id})
  RETURN count(i) AS invites
}
CALL (s) {
  OPTIONAL MATCH (a:SurveyAnswer {survey_id: s.id})
  WHERE a.submitted_at IS NOT NULL
  RETURN count(a) AS submitted
}
RETURN s {.*} AS survey, invites, submitted
ORDER BY s.created DESC
LIMIT 500
