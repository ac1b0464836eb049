// Every organisation, by name (admin lists, the names in notices and filters).
// returns: organisation (map)
MATCH (o:Organisation)
RETURN o {.*} AS organisation
ORDER BY toLower(o.name)
