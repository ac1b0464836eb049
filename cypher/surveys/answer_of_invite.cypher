// The answer saved through one invitation, if any.
// params: $invite_id
// returns: answer (map)
MATCH (a:SurveyAnswer {invite_id: $invite_id})
RETURN a {.*} AS answer
