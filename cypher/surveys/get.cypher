// One survey.
// params: $id
// returns: survey (map); no row if missing
MATCH (s:Survey {id: $id})
RETURN s {.*} AS survey
