// Range indexes on `updated`, so the network fingerprint (network/revision) reads the
// newest change per label and type from an index instead of scanning. Idempotent.

CREATE INDEX actor_updated IF NOT EXISTS FOR (n:Actor) ON (n.updated);
CREATE INDEX topic_updated IF NOT EXISTS FOR (n:Topic) ON (n.updated);
CREATE INDEX stage_updated IF NOT EXISTS FOR (n:Stage) ON (n.updated);
CREATE INDEX targetgroup_updated IF NOT EXISTS FOR (n:TargetGroup) ON (n.updated);
CREATE INDEX region_updated IF NOT EXISTS FOR (n:Region) ON (n.updated);
CREATE INDEX alliance_updated IF NOT EXISTS FOR (n:Alliance) ON (n.updated);
CREATE INDEX project_updated IF NOT EXISTS FOR (n:Project) ON (n.updated);
CREATE INDEX cooperates_with_updated IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() ON (r.updated);
CREATE INDEX member_of_updated IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.updated);
CREATE INDEX participates_in_updated IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.updated);
CREATE INDEX located_in_updated IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.updated);
CREATE INDEX active_in_updated IF NOT EXISTS FOR ()-[r:ACTIVE_IN]-() ON (r.updated);
CREATE INDEX works_on_updated IF NOT EXISTS FOR ()-[r:WORKS_ON]-() ON (r.updated);
CREATE INDEX covers_updated IF NOT EXISTS FOR ()-[r:COVERS]-() ON (r.updated);
CREATE INDEX serves_updated IF NOT EXISTS FOR ()-[r:SERVES]-() ON (r.updated);
CREATE INDEX part_of_updated IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.updated);
