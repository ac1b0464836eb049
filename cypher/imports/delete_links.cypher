// Remove a batch of relationships of one type by id, inside an import's transaction (a
// workbook cell that no longer lists a topic), returning each as it was for the history.
// Ids no longer present return nothing. Timestamps are left out (the history records
// field values; decoding thousands of datetimes is slow).
// placeholders: __TYPE__
// params: $ids (list of link ids)
// returns: link (map), from_name, to_name, from_label, to_label
UNWIND $ids AS id
MATCH (a)-[r:__TYPE__ {id: id}]->(b)
WITH a, b, r, r {.*, created: null, updated: null, type: type(r), from_id: a.id, to_id: b.id} AS link
DELETE r
RETURN link, coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label
