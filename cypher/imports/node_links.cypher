// The ids of all relationships of some records, to tell whether a record an import created
// was linked since by someone else (then undoing the import keeps it).
// placeholders: __LABEL__
// params: $ids (list of record ids)
// returns: id, links (list of relationship ids)
MATCH (n:__LABEL__)
WHERE n.id IN $ids
OPTIONAL MATCH (n)-[r]-()
RETURN n.id AS id, collect(r.id) AS links
