// Number of nodes of any label, to tell an empty database from a used one.
// returns: count (int)
MATCH (n)
RETURN count(n) AS count
