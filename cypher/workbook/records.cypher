// Every record of one label for the network workbook (or only those with the given ids),
// in a stable order, without bookkeeping timestamps (the workbook does not show them).
// placeholders: __LABEL__
// Persons of other organisations than the reader's are left out.
// params: $ids (list of ids, or null for all), $reader (organisation whose persons the reader sees, or null: all)
// returns: node (map)
MATCH (n:__LABEL__)
WHERE ($ids IS NULL OR n.id IN $ids) AND ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, []))
RETURN n {.*, created: null, updated: null} AS node
ORDER BY toLower(coalesce(n.name, n.last_name, '')), n.id
