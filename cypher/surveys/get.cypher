// One survey.
// A survey of another organisation than the reader's is not found: its invitations, answers
// and review queue are that office's.
// params: $id, $reader (the reader's organisation, or null: every survey)
// returns: survey (map); no row if missing
MATCH (s:Survey {id: $id})
WHERE $reader IS NULL OR coalesce(s.org, 'default') = $reader
RETURN s {.*} AS survey
