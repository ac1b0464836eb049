// Every actor's own fields for pictures and analyses. Classifications and memberships
// come from network/classifications and network/affiliations: three flat scans are far
// cheaper than per-actor subqueries (seconds saved at 5,000 actors). `org` is the owning
// organisation (the default one if the actor names none), `co_orgs` its co-owners.
// params: default (the default organisation's slug)
// returns: id, name, short_name, kind, sponsorship, town, org, co_orgs
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, coalesce(a.short_name, '') AS short_name, a.kind AS kind,
       coalesce(a.sponsorship, '') AS sponsorship, coalesce(a.town, '') AS town,
       coalesce(a.org, $default) AS org, coalesce(a.co_orgs, []) AS co_orgs
