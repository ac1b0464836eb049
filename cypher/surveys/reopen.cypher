// Reopen a closed survey: the links handed out work again, the figures taken at closing
// are dropped (they are taken again at the next close).
// params: $id, $closes (date)
// returns: survey (map); no row if missing
MATCH (s:Survey {id: $id})
SET s.status = 'open', s.closes = $closes, s.closed_at = null, s.after = null,
    s.reopened_at = datetime()
RETURN s {.*} AS survey
