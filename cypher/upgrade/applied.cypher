// The schema files and data migrations this database has already run (its upgrade log),
// read by `netzwerk init`, `netzwerk serve` and `netzwerk doctor` to tell what is pending.
// returns: id (string: "schema/<file>" or "migrations/<file>"), checksum (string),
//          applied (datetime), release (string: the netzwerk version that ran it)
MATCH (m:SchemaMigration)
RETURN m.id AS id, m.checksum AS checksum, m.applied AS applied, m.release AS release
ORDER BY m.id
