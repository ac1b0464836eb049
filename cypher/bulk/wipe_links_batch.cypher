// Delete up to $limit relationships; called repeatedly before the nodes go, so that a node
// with tens of thousands of links (a region, a topic) never lands in one transaction with
// all of them (DETACH DELETE of such hubs in a batch of nodes exceeds the transaction memory).
// params: $limit (int)
// returns: deleted (int)
MATCH ()-[r]->()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
