// The persons who work at or are contact persons of the given actors: the persons a
// filtered workbook contains.
// params: $ids (list of actor ids)
// returns: id
MATCH (p:Person)-[:WORKS_AT|CONTACT_FOR]->(a:Actor)
WHERE a.id IN $ids
RETURN DISTINCT p.id AS id
