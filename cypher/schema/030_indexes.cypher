// Indexes for lists, sorting and search. Applied by `netzwerk init`; idempotent.
// The full-text indexes use the `standard-folding` analyzer, so that searching "Muller"
// finds "Müller" and case never matters.

CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX person_last_name IF NOT EXISTS FOR (n:Person) ON (n.last_name);
CREATE INDEX person_email IF NOT EXISTS FOR (n:Person) ON (n.email);
CREATE INDEX alliance_name IF NOT EXISTS FOR (n:Alliance) ON (n.name);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE INDEX cooperation_since IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() ON (r.since);
CREATE FULLTEXT INDEX search_persons IF NOT EXISTS
  FOR (n:Person) ON EACH [n.first_name, n.last_name, n.email, n.function]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE FULLTEXT INDEX search_vocabulary IF NOT EXISTS
  FOR (n:Topic|Stage|TargetGroup|Region) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
