// Changesets made after one and still applied: before an undo, only these can depend on it
// (usually none, so the undo asks nothing more).
// params: $id (the changeset about to be undone)
// returns: id (of each later changeset still applied)
MATCH (c:Changeset {id: $id})
MATCH (l:Changeset)
WHERE l.created > c.created AND l.state = 'applied'
RETURN l.id AS id
