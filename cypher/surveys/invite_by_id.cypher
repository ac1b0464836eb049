// An invitation with its stored hash and its survey, to check a respondent's link.
// params: $id
// returns: invite (map incl. hash), survey (map); no row if missing
MATCH (i:SurveyInvite {id: $id})
MATCH (s:Survey {id: i.survey_id})
RETURN i {.*} AS invite, s {.*} AS survey
