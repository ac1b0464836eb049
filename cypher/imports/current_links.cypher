// Relationships of one type by id, as they are now, inside an import's transaction (the
// commit compares against these, not against the dry run's copy; the undo checks
// `updated`). `created` is left out: nobody needs it; `updated` comes as microseconds
// since 1970 (`updated_us`, see codec.link_from_row): the driver's DateTime decoding was the
// largest part of reading 30,000 links.
// placeholders: __TYPE__
// params: $ids (list of link ids)
// returns: link (map), updated_us (int or null), from_name, to_name, from_label, to_label
MATCH (a)-[r:__TYPE__]->(b)
WHERE r.id IN $ids
RETURN r {.*, created: null, updated: null, type: type(r), from_id: a.id, to_id: b.id} AS link,
       r.updated.epochMillis * 1000 + r.updated.microsecond % 1000 AS updated_us,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label
