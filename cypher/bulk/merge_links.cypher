// Insert or update a batch of relationships of one type in one round trip.
// Rows whose endpoints do not exist are reported back, never silently dropped.
// One relationship per ordered pair; existing ones are updated only when $update is true.
// placeholders: __TYPE__, __FROM__, __TO__
// params: $rows (list of {id, from_id, to_id, props: map}), $update (bool)
// returns: created (int), updated (int), missing (list of row ids whose endpoints are absent)
UNWIND $rows AS row
OPTIONAL MATCH (a:__FROM__ {id: row.from_id})
OPTIONAL MATCH (b:__TO__ {id: row.to_id})
WITH row, a, b
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MERGE (a)-[r:__TYPE__]->(b)
  ON CREATE SET r.id = row.id, r += row.props, r.created = datetime(), r.updated = datetime(),
                r.version = 1, r.__new = true
  WITH r, row, coalesce(r.__new, false) AS is_new
  REMOVE r.__new
  WITH r, row, is_new,
       $update AND NOT is_new AND any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k])
         AS changed
  FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
    SET r += row.props, r.updated = datetime(), r.version = r.version + 1)
  RETURN is_new, changed, null AS missing
  UNION
  WITH row, a, b WHERE a IS NULL OR b IS NULL
  RETURN false AS is_new, false AS changed, row.id AS missing
}
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated,
       [m IN collect(missing) WHERE m IS NOT NULL] AS missing
