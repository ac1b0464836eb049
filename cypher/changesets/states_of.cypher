// The states of some changesets (by id), to tell applied ones from undone ones.
// params: $ids
// returns: id, state, rebase
MATCH (c:Changeset)
WHERE c.id IN $ids
RETURN c.id AS id, c.state AS state, c.rebase AS rebase
