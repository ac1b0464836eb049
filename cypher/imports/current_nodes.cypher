// Records of one label by id, as they are now, inside a changeset's transaction (its apply
// merges against these, its undo compares with them). `created` and `updated` are left out:
// both compare and write domain fields and the version only, and the driver's DateTime
// decoding took most of reading 2,000 records in the undo of a 1,000-row partner list.
// placeholders: __LABEL__
// params: $ids (list of strings)
// returns: node (map, without created and updated)
MATCH (n:__LABEL__)
WHERE n.id IN $ids
RETURN n {.*, created: null, updated: null} AS node
