// Every entry of the lists an import maps values to (topics, stages, target groups, regions,
// alliances, projects), read once per dry run instead of once per cell.
// returns: label, id, name, short_name (or null), kind (regions only, else null)
MATCH (n:Topic|Stage|TargetGroup|Region|Alliance|Project)
RETURN head(labels(n)) AS label, n.id AS id, n.name AS name, n.short_name AS short_name,
       CASE WHEN n:Region THEN n.kind END AS kind
