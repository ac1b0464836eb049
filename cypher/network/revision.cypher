// A fingerprint of everything the network picture depends on: counts (from Neo4j's count
// store) and the newest `updated` per label and relationship type (read from the range
// indexes in schema/050_updated, so this stays O(1) per part however large the graph is).
// It changes whenever an actor, a cooperation, a membership, a classification, a
// vocabulary entry or an organisation (named in the filter) is created, changed or
// deleted, so cached graphs and layouts are reused until then.
// returns: part (string), value (string); one row per part, parts without data omitted
MATCH (n:Actor) RETURN 'Actor' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:Actor) WHERE n.updated IS NOT NULL
RETURN 'Actor.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
UNION ALL
MATCH (n:Topic) RETURN 'Topic' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:Topic) WHERE n.updated IS NOT NULL
RETURN 'Topic.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
UNION ALL
MATCH (n:Stage) RETURN 'Stage' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:Stage) WHERE n.updated IS NOT NULL
RETURN 'Stage.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
UNION ALL
MATCH (n:TargetGroup) RETURN 'TargetGroup' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:TargetGroup) WHERE n.updated IS NOT NULL
RETURN 'TargetGroup.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
UNION ALL
MATCH (n:Region) RETURN 'Region' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:Region) WHERE n.updated IS NOT NULL
RETURN 'Region.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
UNION ALL
MATCH (n:Alliance) RETURN 'Alliance' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:Alliance) WHERE n.updated IS NOT NULL
RETURN 'Alliance.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
UNION ALL
MATCH (n:Project) RETURN 'Project' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:Project) WHERE n.updated IS NOT NULL
RETURN 'Project.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:COOPERATES_WITH]->() RETURN 'COOPERATES_WITH' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:COOPERATES_WITH]->() WHERE r.updated IS NOT NULL
RETURN 'COOPERATES_WITH.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:MEMBER_OF]->() RETURN 'MEMBER_OF' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:MEMBER_OF]->() WHERE r.updated IS NOT NULL
RETURN 'MEMBER_OF.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:PARTICIPATES_IN]->() RETURN 'PARTICIPATES_IN' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:PARTICIPATES_IN]->() WHERE r.updated IS NOT NULL
RETURN 'PARTICIPATES_IN.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:LOCATED_IN]->() RETURN 'LOCATED_IN' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:LOCATED_IN]->() WHERE r.updated IS NOT NULL
RETURN 'LOCATED_IN.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:ACTIVE_IN]->() RETURN 'ACTIVE_IN' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:ACTIVE_IN]->() WHERE r.updated IS NOT NULL
RETURN 'ACTIVE_IN.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:WORKS_ON]->() RETURN 'WORKS_ON' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:WORKS_ON]->() WHERE r.updated IS NOT NULL
RETURN 'WORKS_ON.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:COVERS]->() RETURN 'COVERS' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:COVERS]->() WHERE r.updated IS NOT NULL
RETURN 'COVERS.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:SERVES]->() RETURN 'SERVES' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:SERVES]->() WHERE r.updated IS NOT NULL
RETURN 'SERVES.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH ()-[r:PART_OF]->() RETURN 'PART_OF' AS part, toString(count(r)) AS value
UNION ALL
MATCH ()-[r:PART_OF]->() WHERE r.updated IS NOT NULL
RETURN 'PART_OF.updated' AS part, toString(r.updated) AS value ORDER BY r.updated DESC LIMIT 1
UNION ALL
MATCH (n:Organisation) RETURN 'Organisation' AS part, toString(count(n)) AS value
UNION ALL
MATCH (n:Organisation) WHERE n.updated IS NOT NULL
RETURN 'Organisation.updated' AS part, toString(n.updated) AS value ORDER BY n.updated DESC LIMIT 1
