// The regions with their official keys, for matching the regions an indicator table names.
// params: none
// returns: id, name, kind, ags
MATCH (r:Region)
RETURN r.id AS id, r.name AS name, coalesce(r.kind, '') AS kind, coalesce(r.ags, '') AS ags
ORDER BY r.name
