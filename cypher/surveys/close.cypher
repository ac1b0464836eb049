// Close a survey (links stop working) and keep the network figures after it. Writing the
// survey node takes the lock a respondent's save takes first (surveys/lock_answer), so no
// save is stored after the close.
// params: $id, $after (JSON text)
// returns: survey (map); no row if missing
MATCH (s:Survey {id: $id})
SET s.status = 'closed', s.closed_at = coalesce(s.closed_at, datetime()), s.after = $after
RETURN s {.*} AS survey
