// All relationships touching one node, in both directions, with the other end's name
// and label, for detail pages.
// placeholders: __LABEL__
// params: $id (string), $types (list of relationship type names to include)
// returns: link (map), from_name, to_name, other_label
MATCH (n:__LABEL__ {id: $id})-[r]-(m)
WHERE type(r) IN $types
RETURN r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id} AS link,
       coalesce(startNode(r).name, startNode(r).last_name) AS from_name,
       coalesce(endNode(r).name, endNode(r).last_name) AS to_name,
       head(labels(m)) AS other_label
ORDER BY type(r), to_name, from_name
