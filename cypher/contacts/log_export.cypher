// Record one export of personal data (DSGVO: who exported whom, when, for what purpose).
// The person ids are kept so that an Auskunft can list every export containing a person.
// params: $id, $user, $purpose, $format, $filter (JSON string), $count (int),
//         $person_ids (list of strings), $left_out (int)
// returns: log (map)
CREATE (e:ExportLog {id: $id, at: datetime(), user: $user, purpose: $purpose,
                     format: $format, filter: $filter, count: $count,
                     person_ids: $person_ids, left_out: $left_out})
RETURN e {.*, person_ids: null} AS log
