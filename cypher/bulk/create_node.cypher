// One node per round trip: the baseline that bench/ compares batched loading against.
// Never used by the application itself.
// placeholders: __LABEL__
// params: $id (string), $props (map)
// returns: nothing
MERGE (n:__LABEL__ {id: $id})
ON CREATE SET n += $props, n.created = datetime(), n.updated = datetime(), n.version = 1
