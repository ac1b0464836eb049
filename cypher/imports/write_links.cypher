// Write a batch of imported relationships of one type (one per ordered pair): new pairs are
// created with the row's id; an existing pair is updated only when its row's `update` is
// true (the file sets fields on it). A relationship is new when its `created` is this
// statement's clock (datetime() is constant within a statement). Rows whose ends are
// missing are left out of the answer, so the caller reports them. The answer is one row
// holding a list: 30,000 rows streamed one by one cost the driver five times the CPU.
// placeholders: __TYPE__, __FROM__, __TO__ (one label each where known, for the id index)
// params: $rows (list of {id, from_id, to_id, props: map, update: bool})
// returns: written (list of {row_id, is_new (bool), id (the stored link's id), from_name,
//          to_name, from_label, to_label})
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from_id})
MATCH (b:__TO__ {id: row.to_id})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r.id = row.id, r += row.props, r.created = datetime(), r.updated = datetime(),
              r.version = 1
WITH a, b, r, row, r.created = datetime() AS is_new
FOREACH (_ IN CASE WHEN row.update AND NOT is_new THEN [1] ELSE [] END |
  SET r += row.props, r.updated = datetime(), r.version = r.version + 1)
RETURN collect({row_id: row.id, is_new: is_new, id: r.id,
               from_name: coalesce(a.name, a.last_name), to_name: coalesce(b.name, b.last_name),
               from_label: head(labels(a)), to_label: head(labels(b))}) AS written
