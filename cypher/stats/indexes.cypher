// Names of the indexes in the database, to check the schema is applied.
// returns: name, type
SHOW INDEXES YIELD name, type
RETURN name, type
