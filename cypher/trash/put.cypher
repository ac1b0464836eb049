// Keep what a delete removed, so "Rückgängig" works after a redirect and admins can
// restore later. The snapshot is a JSON string (node and links, see netzwerk.graph.trash).
// params: $id, $user, $label, $record_id, $record_name, $snapshot (JSON string)
// returns: entry (map)
CREATE (t:Trash {id: $id, at: datetime(), user: $user, label: $label, record_id: $record_id,
                 record_name: $record_name, snapshot: $snapshot})
RETURN t {.*} AS entry
