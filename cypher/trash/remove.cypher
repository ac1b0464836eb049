// Remove a trash entry (after it was restored, or when it expired).
// params: $id (string)
// returns: removed (int)
OPTIONAL MATCH (t:Trash {id: $id})
DETACH DELETE t
RETURN count(t) AS removed
