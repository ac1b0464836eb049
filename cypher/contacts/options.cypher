// Choices for the export filter form: alliances, projects, topics, stages, regions, with
// the region's parent so the form can indent sub-regions.
// returns: label, id, name, parent (region id or null), order (stages)
MATCH (n:Alliance|Project|Topic|Stage|Region)
OPTIONAL MATCH (n:Region)-[:PART_OF]->(parent:Region)
RETURN head(labels(n)) AS label, n.id AS id, n.name AS name, parent.id AS parent,
       n.order AS order
ORDER BY label, n.order, toLower(n.name)
