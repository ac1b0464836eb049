// Every actor with all its properties, to match imported rows by name (and postcode)
// before anything is written. One read for the whole dry run instead of one per row.
// Timestamps are left out (not needed for matching; decoding 10,000 datetimes is slow).
// returns: node (map)
MATCH (a:Actor)
RETURN a {.*, created: null, updated: null} AS node
