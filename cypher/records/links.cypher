// Every relationship of one record with the other end's label and the fields a detail page
// shows of it (persons' contact fields included: the web layer hides them without the
// contacts right). Direction says whether this record is the start ('out') or end ('in').
// placeholders: __LABEL__
// Links to persons of other organisations than the reader's are left out.
// params: $id (string), $types (the domain's relationship types, model.LINK_TYPES),
//         $reader (organisation whose persons the reader sees, or null: all)
// returns: link (map), direction, other (map), other_label
MATCH (n:__LABEL__ {id: $id})-[r]-(m)
WHERE type(r) IN $types AND ($reader IS NULL OR NOT m:Person OR coalesce(m.org, 'default') = $reader OR $reader IN coalesce(m.co_orgs, []))
RETURN r {.*, type: type(r), from_id: startNode(r).id, to_id: endNode(r).id} AS link,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       properties(m) AS other,
       head(labels(m)) AS other_label
ORDER BY type(r), toLower(coalesce(m['name'], m['last_name'], ''))
