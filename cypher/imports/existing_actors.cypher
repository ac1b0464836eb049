// Every actor with all its properties and the regions it is located in, to match imported
// rows by name, postcode, address and e-mail before anything is written. One read for the
// whole dry run instead of one per row. Timestamps are left out (not needed for matching;
// decoding 10,000 datetimes is slow).
// returns: node (map), seats (list of region ids)
MATCH (a:Actor)
OPTIONAL MATCH (a)-[:LOCATED_IN]->(r:Region)
RETURN a {.*, created: null, updated: null} AS node, collect(r.id) AS seats
