// Actors' alliance memberships and project roles, with since/until for "as of a date".
// returns: actor (id), type (MEMBER_OF|PARTICIPATES_IN), target (id), role, since, until
MATCH (a:Actor)-[m:MEMBER_OF|PARTICIPATES_IN]->(x)
RETURN a.id AS actor, type(m) AS type, x.id AS target, coalesce(m.role, '') AS role,
       m.since AS since, m.until AS until
