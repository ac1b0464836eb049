// Password attempts on share links, one node per link and hashed client address (the
// throttle of views/link_claim): unique id, found by link when the link's view goes.

CREATE CONSTRAINT shareattempt_id IF NOT EXISTS FOR (n:ShareAttempt) REQUIRE n.id IS UNIQUE;
CREATE INDEX shareattempt_link IF NOT EXISTS FOR (n:ShareAttempt) ON (n.link_id);
