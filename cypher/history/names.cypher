// Current names of records that history entries refer to by id (names are resolved when
// the history is read, so an erased person or a renamed record shows as it is now).
// placeholders: __LABEL__ (from netzwerk.graph.model.LABELS)
// params: $ids (list of ids)
// returns: id, name
MATCH (n:__LABEL__)
WHERE n.id IN $ids
RETURN n.id AS id,
       coalesce(n.name,
                trim(coalesce(n.title, '') + ' ' + coalesce(n.first_name, '') + ' ' +
                     coalesce(n.last_name, ''))) AS name
