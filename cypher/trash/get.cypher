// Read one trash entry by id.
// params: $id (string)
// returns: entry (map), or no row
MATCH (t:Trash {id: $id})
RETURN t {.*} AS entry
