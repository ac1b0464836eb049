// Write a batch of imported relationships of one type (one per ordered pair): new pairs are
// created with the row's id; an existing pair is updated only when its row's `update` is
// true (the file sets fields on it). A relationship is new when its `created` is this
// statement's clock (datetime() is constant within a statement). Rows whose ends are
// missing return nothing, so the caller reports them.
// placeholders: __TYPE__, __FROM__, __TO__ (one label each where known, for the id index)
// params: $rows (list of {id, from_id, to_id, props: map, update: bool})
// returns: row_id, is_new (bool), id (the stored link's id), from_name, to_name,
//          from_label, to_label
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from_id})
MATCH (b:__TO__ {id: row.to_id})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r.id = row.id, r += row.props, r.created = datetime(), r.updated = datetime(),
              r.version = 1
WITH a, b, r, row, r.created = datetime() AS is_new
FOREACH (_ IN CASE WHEN row.update AND NOT is_new THEN [1] ELSE [] END |
  SET r += row.props, r.updated = datetime(), r.version = r.version + 1)
RETURN row.id AS row_id, is_new, r.id AS id,
       coalesce(a.name, a.last_name) AS from_name, coalesce(b.name, b.last_name) AS to_name,
       head(labels(a)) AS from_label, head(labels(b)) AS to_label
