// Where actors are located or active and what topics, stages and target groups they cover.
// returns: actor (id), type (LOCATED_IN|ACTIVE_IN|WORKS_ON|COVERS|SERVES), target (id)
MATCH (a:Actor)-[r:LOCATED_IN|ACTIVE_IN|WORKS_ON|COVERS|SERVES]->(x)
RETURN a.id AS actor, type(r) AS type, x.id AS target
