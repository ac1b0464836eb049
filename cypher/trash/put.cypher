// Keep what a delete removed, inside the delete's transaction, so "Rückgängig" works after
// a redirect and admins can restore later. The snapshot is a JSON string in the model's
// typed form (see netzwerk.graph.trash); refs lists every record id it mentions.
// params: $id, $user, $label, $record_id, $record_name, $snapshot (JSON string), $refs (list)
// returns: entry (map)
CREATE (t:Trash {id: $id, at: datetime(), user: $user, label: $label, record_id: $record_id,
                 record_name: $record_name, snapshot: $snapshot, refs: $refs})
RETURN t {.*} AS entry
