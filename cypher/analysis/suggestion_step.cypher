// One step of a partner suggestion through the pipeline: vorgeschlagen → angesprochen →
// vereinbart, or → verworfen (and back to vorgeschlagen). Stored once per pair, a = smaller
// id, as (a)-[:SUGGESTION {status, by, at, note, log, link_id, created_by, created_at}]->(b).
// A pair dismissed before the pipeline existed (DISMISSED_SUGGESTION) counts as verworfen
// and is converted here. The state is read after MERGE has locked both actors, so two
// editors moving the same pair at once cannot both leave the same state; if the state is
// not one the step may start from, nothing changes and the caller rolls back.
// params: a, b (actor ids, a < b), by (login), allowed (states the step may start from;
//         "vorgeschlagen" also stands for a pair without a record), status (the new state),
//         note ("" keeps the previous note), entry (one line for the log), link_id (id of
//         the cooperation created by "vereinbart", else "")
// returns: before (the state before the step), status, by, at (no row if an actor is missing)
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
OPTIONAL MATCH (a)-[legacy:DISMISSED_SUGGESTION]-(b)
WITH a, b, collect(legacy) AS legacies
MERGE (a)-[s:SUGGESTION]->(b)
  ON CREATE SET s.status = CASE WHEN size(legacies) > 0 THEN 'verworfen' ELSE 'vorgeschlagen' END,
                s.created_by = $by, s.created_at = datetime(), s.log = []
FOREACH (old IN legacies | DELETE old)
WITH s, s.status AS before
FOREACH (_ IN CASE WHEN before IN $allowed THEN [1] ELSE [] END |
  SET s.status = $status, s.by = $by, s.at = datetime(),
      s.note = CASE WHEN $note = '' THEN coalesce(s.note, '') ELSE $note END,
      s.link_id = CASE WHEN $link_id = '' THEN s.link_id ELSE $link_id END,
      s.log = coalesce(s.log, []) + [$entry])
RETURN before, s.status AS status, s.by AS by, s.at AS at
