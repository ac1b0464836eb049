// Find persons by part of their name or e-mail (for the Datenschutz page of admins).
// params: $q (lower-case text), $limit (int)
// returns: id, name, email, organisations (list of names)
MATCH (p:Person)
WHERE toLower(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')) CONTAINS $q
   OR toLower(coalesce(p.email, '')) CONTAINS $q
   OR toLower(coalesce(p.last_name, '')) CONTAINS $q
OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Actor)
WITH p, collect(a.name) AS organisations
RETURN p.id AS id,
       trim(coalesce(p.title, '') + ' ' + coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')) AS name,
       coalesce(p.email, '') AS email, organisations
ORDER BY toLower(p.last_name), toLower(p.first_name)
LIMIT $limit
