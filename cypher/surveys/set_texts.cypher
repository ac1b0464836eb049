// Change a survey's introduction and consent wording after it was created. Writing the
// survey node takes the lock a respondent's save takes first (surveys/lock_answer), so an
// answer handed in is stored with the wording either before or after the change, never mixed.
// params: $id, $intro, $consent_wording
// returns: survey (map); no row if missing
MATCH (s:Survey {id: $id})
SET s.intro = $intro, s.consent_wording = $consent_wording
RETURN s {.*} AS survey
