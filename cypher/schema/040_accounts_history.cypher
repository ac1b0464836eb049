// User accounts: unique id and unique login name. Applied by `netzwerk init`; idempotent.

CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE;
CREATE CONSTRAINT user_username IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE;

// Change history: looked up by record and listed by time.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_record IF NOT EXISTS FOR (c:Change) ON (c.record_id);
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
