// Names of the constraints in the database, to check the schema is applied.
// returns: name, type
SHOW CONSTRAINTS YIELD name, type
RETURN name, type
