// Organisations: found by slug; records are listed per owning organisation (pages scoped to
// one office of many stay fast), changesets by the organisation they are addressed to.
CREATE CONSTRAINT organisation_slug IF NOT EXISTS FOR (o:Organisation) REQUIRE o.slug IS UNIQUE;
CREATE INDEX actor_org IF NOT EXISTS FOR (n:Actor) ON (n.org);
CREATE INDEX person_org IF NOT EXISTS FOR (n:Person) ON (n.org);
CREATE INDEX alliance_org IF NOT EXISTS FOR (n:Alliance) ON (n.org);
CREATE INDEX project_org IF NOT EXISTS FOR (n:Project) ON (n.org);
CREATE INDEX changeset_to_org IF NOT EXISTS FOR (c:Changeset) ON (c.to_org);
