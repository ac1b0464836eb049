// Insert or update a batch of nodes of one label in one round trip.
// New nodes get bookkeeping; existing nodes are updated only when $update is true and a
// property actually differs, so re-running the same batch changes nothing (idempotent).
// A node is new if its `created` equals this statement's clock (datetime() is constant
// within a statement), which avoids a second write just to mark it.
// placeholders: __LABEL__
// A new node is owned by the row's `org` (with co-owners `co_orgs`); without one it belongs
// to the default organisation. Ownership of an existing node is never changed here.
// params: $rows (list of {id: string, props: map, org: slug or null, co_orgs: list or
//         null}), $update (bool)
// returns: created (int), updated (int)
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
ON CREATE SET n += row.props, n.org = coalesce(row.org, 'default'), n.co_orgs = row.co_orgs,
              n.created = datetime(), n.updated = datetime(), n.version = 1
WITH n, row, n.created = datetime() AS is_new
WITH n, is_new,
     $update AND NOT is_new AND any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k])
       AS changed, row
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET n += row.props, n.updated = datetime(), n.version = n.version + 1)
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated
