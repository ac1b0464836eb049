// Organisations of the network for the GraphML export (no persons: no personal data).
// returns: id, label, name, short_name, kind, town
MATCH (n:Actor|Alliance|Project)
RETURN n.id AS id, head(labels(n)) AS label, n.name AS name,
       coalesce(n.short_name, '') AS short_name, coalesce(n.kind, n.status, '') AS kind,
       coalesce(n.town, '') AS town
