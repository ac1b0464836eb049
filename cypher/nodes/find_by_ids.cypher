// Read several nodes of a label at once (for autocomplete and batch lookups).
// placeholders: __LABEL__
// params: $ids (list of strings)
// returns: node (map)
MATCH (n:__LABEL__)
WHERE n.id IN $ids
RETURN n {.*} AS node
