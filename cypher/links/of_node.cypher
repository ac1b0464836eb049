// All relationships touching one node, in both directions, with the other end's name
// and label, for detail pages.
// placeholders: __LABEL__
// Links to persons of other organisations than the reader's are left out.
// params: $id (string), $types (list of relationship type names to include),
//         $reader (organisation whose persons the reader sees, or null: all)
// returns: link (map), from_name, to_name, other_label
MATCH (n:__LABEL__ {id: $id})-[r]-(m)
WHERE type(r) IN $types AND ($reader IS NULL OR NOT m:Person OR coalesce(m.org, 'default') = $reader OR $reader IN coalesce(m.co_orgs, []))
RETURN r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id} AS link,
       coalesce(startNode(r).name, startNode(r).last_name) AS from_name,
       coalesce(endNode(r).name, endNode(r).last_name) AS to_name,
       head(labels(m)) AS other_label
ORDER BY type(r), to_name, from_name
