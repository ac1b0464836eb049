// The upgrade log: one SchemaMigration node per schema file and data migration run on this
// database (netzwerk.graph.core.schema), so `netzwerk doctor` can say what is pending.
CREATE CONSTRAINT schema_migration_id IF NOT EXISTS
FOR (m:SchemaMigration) REQUIRE m.id IS UNIQUE;
