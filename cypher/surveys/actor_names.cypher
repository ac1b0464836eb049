// Names of actors by id (for comparison and review pages).
// params: $ids (list)
// returns: id, name
MATCH (a:Actor) WHERE a.id IN $ids
RETURN a.id AS id, a.name AS name
