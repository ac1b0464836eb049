// Candidates for the duplicate check of an actor: full-text matches of the name's words
// (any word, fuzzy) plus actors with the same e-mail address or website. Scored in Python.
// The index also holds street and postcode; the query is restricted to the fields that
// describe the organisation itself, so neighbours in the same street are no candidates.
// params: $q (escaped Lucene query or null), $email (string or null), $website (string or
//         null), $exclude (id or null), $limit (int)
// returns: node (map)
CALL () {
  WITH $q AS q WHERE q IS NOT NULL
  WITH 'name:(' + q + ') OR short_name:(' + q + ') OR town:(' + q + ') OR description:('
       + q + ')' AS q
  CALL db.index.fulltext.queryNodes('search_records', q) YIELD node, score
  WITH node AS n WHERE n:Actor
  RETURN n LIMIT 50
  UNION
  MATCH (n:Actor) WHERE $email IS NOT NULL AND toLower(n.email) = toLower($email)
  RETURN n
  UNION
  MATCH (n:Actor) WHERE $website IS NOT NULL AND n.website IS NOT NULL
    AND toLower(n.website) CONTAINS toLower($website)
  RETURN n
}
WITH DISTINCT n WHERE $exclude IS NULL OR n.id <> $exclude
RETURN n {.*} AS node
LIMIT $limit
