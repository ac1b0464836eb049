// Every actor with all its properties, to match imported rows by name (and postcode)
// before anything is written. One read for the whole dry run instead of one per row.
// returns: node (map)
MATCH (a:Actor)
RETURN a {.*} AS node
