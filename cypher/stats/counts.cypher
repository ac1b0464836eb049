// Node counts per domain label and relationship counts per type in one round trip (each
// part is answered from Neo4j's count store). Must list every entry of model.LABELS and
// model.LINK_TYPES; tests/unit/test_queries.py checks that.
// returns: kind ('node' or 'link'), name (label or type), count (int)
MATCH (n:Actor) RETURN 'node' AS kind, 'Actor' AS name, count(n) AS count
UNION ALL
MATCH (n:Person) RETURN 'node' AS kind, 'Person' AS name, count(n) AS count
UNION ALL
MATCH (n:Alliance) RETURN 'node' AS kind, 'Alliance' AS name, count(n) AS count
UNION ALL
MATCH (n:Project) RETURN 'node' AS kind, 'Project' AS name, count(n) AS count
UNION ALL
MATCH (n:Topic) RETURN 'node' AS kind, 'Topic' AS name, count(n) AS count
UNION ALL
MATCH (n:Stage) RETURN 'node' AS kind, 'Stage' AS name, count(n) AS count
UNION ALL
MATCH (n:TargetGroup) RETURN 'node' AS kind, 'TargetGroup' AS name, count(n) AS count
UNION ALL
MATCH (n:Region) RETURN 'node' AS kind, 'Region' AS name, count(n) AS count
UNION ALL
MATCH (n:Indicator) RETURN 'node' AS kind, 'Indicator' AS name, count(n) AS count
UNION ALL
MATCH (n:Presentation) RETURN 'node' AS kind, 'Presentation' AS name, count(n) AS count
UNION ALL
MATCH ()-[r:WORKS_AT]->() RETURN 'link' AS kind, 'WORKS_AT' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:MEMBER_OF]->() RETURN 'link' AS kind, 'MEMBER_OF' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:PARTICIPATES_IN]->() RETURN 'link' AS kind, 'PARTICIPATES_IN' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:COOPERATES_WITH]->() RETURN 'link' AS kind, 'COOPERATES_WITH' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:CONTACT_FOR]->() RETURN 'link' AS kind, 'CONTACT_FOR' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:PART_OF]->() RETURN 'link' AS kind, 'PART_OF' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:WORKS_ON]->() RETURN 'link' AS kind, 'WORKS_ON' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:COVERS]->() RETURN 'link' AS kind, 'COVERS' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:SERVES]->() RETURN 'link' AS kind, 'SERVES' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:LOCATED_IN]->() RETURN 'link' AS kind, 'LOCATED_IN' AS name, count(r) AS count
UNION ALL
MATCH ()-[r:ACTIVE_IN]->() RETURN 'link' AS kind, 'ACTIVE_IN' AS name, count(r) AS count
