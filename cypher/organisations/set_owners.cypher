// Hand a record to another organisation or change its co-owners, with optimistic locking
// (a $version of null takes the record as it is: the command line and the API).
// placeholders: __LABEL__ (from model.LABELS)
// params: $id, $version (int or null), $org (slug), $co_orgs (list of slugs), $default
// returns: node (map, after), owner, co_owners (before), applied (bool); no row if missing
MATCH (n:__LABEL__ {id: $id})
SET n.__lock = true
REMOVE n.__lock
WITH n WHERE n.id = $id
WITH n, coalesce(n.org, $default) AS owner, coalesce(n.co_orgs, []) AS co_owners,
     ($version IS NULL OR n.version = $version) AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET n.org = $org, n.co_orgs = $co_orgs, n.updated = datetime(), n.version = n.version + 1)
RETURN n {.*} AS node, owner, co_owners, applied
