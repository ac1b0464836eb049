// The owning organisation and co-owners of records (a record naming none is in $default).
// placeholders: __LABEL__
// params: $ids (list of record ids), $default
// returns: id, owner, co_owners
MATCH (n:__LABEL__) WHERE n.id IN $ids
RETURN n.id AS id, coalesce(n.org, $default) AS owner, coalesce(n.co_orgs, []) AS co_owners
