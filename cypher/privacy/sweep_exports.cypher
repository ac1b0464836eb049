// DSGVO Löschung: export logs keep the ids of exported persons for the Auskunft; an erased
// person's id leaves them (counts stay, so the log still says how many were exported).
// params: $id (string)
// returns: swept (int)
MATCH (e:ExportLog)
WHERE $id IN e.person_ids
SET e.person_ids = [x IN e.person_ids WHERE x <> $id]
RETURN count(e) AS swept
