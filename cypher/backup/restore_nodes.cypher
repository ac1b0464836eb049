// Re-create a batch of nodes of one label exactly as backed up (bookkeeping included).
// placeholders: __LABEL__ (whitelisted in netzwerk.graph.backup)
// params: $rows (list of property maps)
// returns: created (int)
UNWIND $rows AS props
CREATE (n:__LABEL__)
SET n = props
RETURN count(n) AS created
