// One saved view by id.
// params: $id
// returns: view (map); no row if there is none
MATCH (v:SavedView {id: $id})
RETURN v {.*} AS view
