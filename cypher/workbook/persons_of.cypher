// The persons who work at or are contact persons of the given actors: the persons a
// filtered workbook contains.
// Persons of other organisations than the reader's are left out.
// params: $ids (list of actor ids), $reader (organisation whose persons the reader sees, or null: all)
// returns: id
MATCH (p:Person)-[:WORKS_AT|CONTACT_FOR]->(a:Actor)
WHERE a.id IN $ids AND ($reader IS NULL OR NOT p:Person OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
RETURN DISTINCT p.id AS id
