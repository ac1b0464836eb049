// Read one node by id.
// placeholders: __LABEL__
// A person of another organisation than the reader's is not found (records/visibility.py).
// params: $id (string), $reader (organisation whose persons the reader sees, or null: all)
// returns: node (map), or no row
MATCH (n:__LABEL__ {id: $id})
WHERE ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, []))
RETURN n {.*} AS node
