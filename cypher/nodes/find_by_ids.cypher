// Read several nodes of a label at once (for autocomplete and batch lookups).
// placeholders: __LABEL__
// Persons of other organisations than the reader's are left out.
// params: $ids (list of strings), $reader (organisation whose persons the reader sees, or null: all)
// returns: node (map)
MATCH (n:__LABEL__)
WHERE n.id IN $ids AND ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, []))
RETURN n {.*} AS node
