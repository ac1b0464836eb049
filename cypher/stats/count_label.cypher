// Number of nodes with a label (answered from Neo4j's count store, O(1)).
// placeholders: __LABEL__
// returns: count (int)
MATCH (n:__LABEL__)
RETURN count(n) AS count
