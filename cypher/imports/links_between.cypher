// The stored relationships of one type between given pairs of stored records, so the dry run
// can tell a new link from an existing one (and show its old → new values) before writing.
// placeholders: __TYPE__, __FROM__, __TO__ (one label each, so the id indexes are used)
// params: $pairs (list of {from_id, to_id})
// returns: link (map, without timestamps)
UNWIND $pairs AS p
MATCH (a:__FROM__ {id: p.from_id})-[r:__TYPE__]->(b:__TO__ {id: p.to_id})
RETURN r {.*, created: null, updated: null, type: type(r), from_id: a.id, to_id: b.id} AS link
