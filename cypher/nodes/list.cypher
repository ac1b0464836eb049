// One page of nodes of a label, sorted by a whitelisted field, with the total count.
// placeholders: __LABEL__, __ORDER__ (a field name from the model)
// Persons of other organisations than the reader's are left out (and not counted).
// params: $skip (int), $limit (int), $descending (bool), $reader (organisation whose persons the reader sees, or null: all)
// returns: node (map), total (int)
MATCH (n:__LABEL__) WHERE ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, []))
WITH count(n) AS total
MATCH (n:__LABEL__) WHERE ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, []))
WITH n, total
ORDER BY CASE WHEN $descending THEN null ELSE toLower(toString(n.__ORDER__)) END ASC,
         CASE WHEN $descending THEN toLower(toString(n.__ORDER__)) ELSE null END DESC,
         n.id
SKIP $skip LIMIT $limit
RETURN n {.*} AS node, total
