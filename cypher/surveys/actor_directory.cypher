// Names (and ids) of all actors, for the partner question's search-as-you-type list and to
// match a typed name to a known actor. Names only: no address, no contacts.
// params: $limit
// returns: id, name
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name
ORDER BY toLower(a.name)
LIMIT $limit
