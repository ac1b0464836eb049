// Änderungspakete (changesets): found by id; their journal parts by changeset and sequence;
// the watcher looks for unfinished ones by state.
CREATE CONSTRAINT changeset_id IF NOT EXISTS FOR (c:Changeset) REQUIRE c.id IS UNIQUE;
CREATE INDEX changeset_state IF NOT EXISTS FOR (c:Changeset) ON (c.state);
CREATE INDEX changeset_created IF NOT EXISTS FOR (c:Changeset) ON (c.created);
CREATE INDEX changeset_part IF NOT EXISTS FOR (p:ChangesetPart) ON (p.changeset, p.seq);
