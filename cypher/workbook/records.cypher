// Every record of one label for the network workbook (or only those with the given ids),
// in a stable order, without bookkeeping timestamps (the workbook does not show them).
// placeholders: __LABEL__
// params: $ids (list of ids, or null for all)
// returns: node (map)
MATCH (n:__LABEL__)
WHERE $ids IS NULL OR n.id IN $ids
RETURN n {.*, created: null, updated: null} AS node
ORDER BY toLower(coalesce(n.name, n.last_name, '')), n.id
