// Change a saved view (name, shared flag, pins, …); only the given keys change.
// params: $id, $props (map)
// returns: view (map); no row if there is none
MATCH (v:SavedView {id: $id})
SET v += $props, v.updated = datetime()
RETURN v {.*} AS view
