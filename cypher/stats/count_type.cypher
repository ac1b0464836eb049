// Number of relationships of a type (answered from Neo4j's count store, O(1)).
// placeholders: __TYPE__
// returns: count (int)
MATCH ()-[r:__TYPE__]->()
RETURN count(r) AS count
