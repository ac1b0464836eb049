// Partner suggestions in the pipeline (contacted, not yet agreed or dismissed) per state,
// for the start page's worklist.
// returns: status, count (int)
MATCH (:Actor)-[s:SUGGESTION]->(:Actor)
WHERE s.status IN ['angesprochen']
RETURN s.status AS status, count(s) AS count
