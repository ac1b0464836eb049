// Insert or update a batch of relationships of one type in one round trip.
// One relationship per ordered pair; existing ones are updated only when $update is true.
// Rows whose endpoints do not exist are not written; their ids are missing from `done`, so
// the caller reports them instead of dropping them silently.
// placeholders: __TYPE__, __FROM__, __TO__
// params: $rows (list of {id, from_id, to_id, props: map}), $update (bool)
// returns: created (int), updated (int), done (list of row ids written or already present)
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from_id})
MATCH (b:__TO__ {id: row.to_id})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r.id = row.id, r += row.props, r.created = datetime(), r.updated = datetime(),
              r.version = 1
WITH r, row, r.created = datetime() AS is_new
WITH r, row, is_new,
     $update AND NOT is_new AND any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k])
       AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r += row.props, r.updated = datetime(), r.version = r.version + 1)
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated,
       collect(row.id) AS done
