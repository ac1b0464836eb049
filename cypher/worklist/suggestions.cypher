// Partner suggestions in the pipeline (contacted, not yet agreed or dismissed) per state,
// for the start page's worklist; of $org the suggestions touching an actor it owns or
// co-owns, null: all.
// params: $org (slug or null), $default
// returns: status, count (int)
MATCH (a:Actor)-[s:SUGGESTION]->(b:Actor)
WHERE s.status IN ['angesprochen']
  AND ($org IS NULL OR any(x IN [a, b] WHERE coalesce(x.org, $default) = $org
                                           OR $org IN coalesce(x.co_orgs, [])))
RETURN s.status AS status, count(s) AS count
