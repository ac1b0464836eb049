// One page of nodes of a label, sorted by a whitelisted field, with the total count.
// placeholders: __LABEL__, __ORDER__ (a field name from the model)
// params: $skip (int), $limit (int), $descending (bool)
// returns: node (map), total (int)
MATCH (n:__LABEL__)
WITH count(n) AS total
MATCH (n:__LABEL__)
WITH n, total
ORDER BY CASE WHEN $descending THEN null ELSE toLower(toString(n.__ORDER__)) END ASC,
         CASE WHEN $descending THEN toLower(toString(n.__ORDER__)) ELSE null END DESC,
         n.id
SKIP $skip LIMIT $limit
RETURN n {.*} AS node, total
