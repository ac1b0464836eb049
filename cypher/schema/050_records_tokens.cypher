// Trash entries (undo of deletes) and API tokens. Applied by `netzwerk init`; idempotent.

CREATE CONSTRAINT trash_id IF NOT EXISTS FOR (t:Trash) REQUIRE t.id IS UNIQUE;
CREATE INDEX trash_at IF NOT EXISTS FOR (t:Trash) ON (t.at);
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE;
