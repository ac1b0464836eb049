// The shared vocabularies and the region tree, to name and group what actors refer to;
// organisations by their slug (what an actor's `org` names), for the organisation filter.
// returns: label, id, name, kind (regions), order (stages), parent (region PART_OF)
MATCH (n:Topic|Stage|TargetGroup|Region|Alliance|Project)
OPTIONAL MATCH (n:Region)-[:PART_OF]->(p:Region)
RETURN head(labels(n)) AS label, n.id AS id, n.name AS name, n.kind AS kind,
       n.order AS order, p.id AS parent, n.status AS status
UNION ALL
MATCH (o:Organisation)
RETURN 'Organisation' AS label, o.slug AS id, o.name AS name, null AS kind,
       null AS order, null AS parent, null AS status
