// Saved views of the network picture and their read-only share links: ids are
// unique; views are listed by owner and by the shared flag.

CREATE CONSTRAINT savedview_id IF NOT EXISTS FOR (n:SavedView) REQUIRE n.id IS UNIQUE;
CREATE INDEX savedview_owner IF NOT EXISTS FOR (n:SavedView) ON (n.owner);
CREATE CONSTRAINT sharelink_id IF NOT EXISTS FOR (n:ShareLink) REQUIRE n.id IS UNIQUE;
CREATE INDEX sharelink_view IF NOT EXISTS FOR (n:ShareLink) ON (n.view_id);
CREATE CONSTRAINT publicmap_id IF NOT EXISTS FOR (n:PublicMap) REQUIRE n.id IS UNIQUE;
