// Cooperations and affiliations (memberships, project roles) for the GraphML export.
// returns: id, type, from_id, to_id, kind, role, intensity, since, until
MATCH (a:Actor)-[r:COOPERATES_WITH|MEMBER_OF|PARTICIPATES_IN]->(b)
RETURN r.id AS id, type(r) AS type, a.id AS from_id, b.id AS to_id,
       coalesce(r.kind, '') AS kind, coalesce(r.role, '') AS role, r.intensity AS intensity,
       r.since AS since, r.until AS until
