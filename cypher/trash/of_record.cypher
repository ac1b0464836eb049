// The trash entries of one deleted record (newest first): a person in the trash still has
// the rights to Auskunft and Löschung, so both read the snapshot from here.
// params: $id (string), $label (string)
// returns: entry (map)
MATCH (t:Trash {record_id: $id, label: $label})
RETURN t {.*} AS entry
ORDER BY t.at DESC
