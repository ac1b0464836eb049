// The shared vocabularies and the region tree, to name and group what actors refer to.
// returns: label, id, name, kind (regions), order (stages), parent (region PART_OF)
MATCH (n:Topic|Stage|TargetGroup|Region|Alliance|Project)
OPTIONAL MATCH (n:Region)-[:PART_OF]->(p:Region)
RETURN head(labels(n)) AS label, n.id AS id, n.name AS name, n.kind AS kind,
       n.order AS order, p.id AS parent, n.status AS status
