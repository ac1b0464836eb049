// Every export whose list contained a person, newest first (for the Auskunft report).
// params: $person_id (string)
// returns: log (map)
MATCH (e:ExportLog)
WHERE $person_id IN e.person_ids
RETURN e {.*, person_ids: null} AS log
ORDER BY e.at DESC
