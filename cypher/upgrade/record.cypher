// Write one step of the upgrade log after it ran. The first run of a step sets when and by
// which release; a schema file edited since (another checksum) keeps its first date and
// records the new checksum, so the log says which version of the file is in force.
// params: $id (string), $checksum (string), $release (string)
// returns: id (string)
MERGE (m:SchemaMigration {id: $id})
ON CREATE SET m.applied = datetime(), m.release = $release
SET m.checksum = $checksum
RETURN m.id AS id
