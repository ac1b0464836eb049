// Every relationship of one type for the network workbook, with the names of both ends;
// with $ids only those that start at one of them (and, if $both, also end at one of them).
// placeholders: __TYPE__, __FROM__, __TO__
// Links of persons of other organisations than the reader's are left out.
// params: $ids (list of ids, or null for all), $both (bool),
//         $reader (organisation whose persons the reader sees, or null: all)
// returns: link (map), from_name, to_name
MATCH (a:__FROM__)-[r:__TYPE__]->(b:__TO__)
WHERE ($ids IS NULL OR (a.id IN $ids AND (NOT $both OR b.id IN $ids)))
  AND ($reader IS NULL OR NOT a:Person OR coalesce(a.org, 'default') = $reader OR $reader IN coalesce(a.co_orgs, []))
RETURN r {.*, created: null, updated: null, type: type(r), from_id: a.id, to_id: b.id} AS link,
       coalesce(a.name, trim(coalesce(a.first_name, '') + ' ' + coalesce(a.last_name, ''))) AS from_name,
       coalesce(b.name, trim(coalesce(b.first_name, '') + ' ' + coalesce(b.last_name, ''))) AS to_name
ORDER BY toLower(from_name), toLower(to_name), r.id
