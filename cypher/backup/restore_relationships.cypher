// Re-create a batch of relationships of one type between nodes found by label and id.
// placeholders: __TYPE__, __FROM__, __TO__ (whitelisted in netzwerk.graph.backup)
// params: $rows (list of {from_id, to_id, props})
// returns: created (int)
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from_id})
MATCH (b:__TO__ {id: row.to_id})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN count(r) AS created
