// Forget trash entries older than a number of days (deleted data must not live forever).
// params: $days (int)
// returns: purged (int)
MATCH (t:Trash)
WHERE t.at < datetime() - duration({days: $days})
DETACH DELETE t
RETURN count(*) AS purged
