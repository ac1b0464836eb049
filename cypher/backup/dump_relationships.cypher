// Every relationship with its type, properties and the label + id of both ends.
// Endpoints are addressed by (label, id), which is unique per label in this schema.
// returns: type, props (map), from_label, from_id, to_label, to_id
MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props,
       head(labels(a)) AS from_label, a.id AS from_id,
       head(labels(b)) AS to_label, b.id AS to_id
