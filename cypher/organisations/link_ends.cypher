// The ends of a relationship, for the ownership check of its change or removal.
// placeholders: __TYPE__ (from model.LINK_TYPES)
// params: $id (the relationship's id)
// returns: from_id, to_id, from_label, to_label; no row if missing
MATCH (a)-[r:__TYPE__ {id: $id}]->(b)
RETURN a.id AS from_id, b.id AS to_id, labels(a)[0] AS from_label, labels(b)[0] AS to_label
