// Stamp the owning organisation on a record just created (inside its transaction).
// placeholders: __LABEL__
// params: $id, $org (slug)
// returns: id
MATCH (n:__LABEL__ {id: $id})
SET n.org = $org
RETURN n.id AS id
