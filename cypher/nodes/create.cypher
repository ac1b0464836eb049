// Create one node of a whitelisted label with fresh bookkeeping.
// placeholders: __LABEL__ (from netzwerk.graph.model.LABELS)
// params: $id (string), $props (map of domain fields), $org (the owning organisation's slug)
// returns: node (map of all properties)
CREATE (n:__LABEL__ {id: $id})
SET n += $props, n.org = $org, n.created = datetime(), n.updated = datetime(), n.version = 1
RETURN n {.*} AS node
