// Read one node by id.
// placeholders: __LABEL__
// params: $id (string)
// returns: node (map), or no row
MATCH (n:__LABEL__ {id: $id})
RETURN n {.*} AS node
