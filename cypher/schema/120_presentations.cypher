// Presentations (saved views in an order, with a text each): unique ids.
// Applied by `netzwerk init`; statements are separated by semicolons; idempotent.

CREATE CONSTRAINT presentation_id IF NOT EXISTS FOR (n:Presentation) REQUIRE n.id IS UNIQUE;
