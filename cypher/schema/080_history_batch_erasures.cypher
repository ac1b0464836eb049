// History entries of one import are found by their batch id (import page, undo of an
// import). Idempotent.

CREATE INDEX change_batch IF NOT EXISTS FOR (c:Change) ON (c.batch);

// Erasure notes: one per erased person (see netzwerk.graph.operations.erase).
CREATE CONSTRAINT erasure_person IF NOT EXISTS FOR (e:Erasure) REQUIRE e.person_id IS UNIQUE;
