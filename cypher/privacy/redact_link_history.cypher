// After a Löschung: history entries written before names were resolved at read time spell
// the person's name out ("Eva Muster → VHS Trier"), in the records the person was linked
// to or in any entry that refers to the person's id; replace those names (current and
// former ones). Only link entries (and folded ones, which may list link changes) are
// touched, so a namesake elsewhere stays as it is.
// params: $record_ids (list of ids), $person_id (string), $names (list of strings, longest
//         first), $placeholder
// returns: redacted (int)
MATCH (c:Change)
WHERE (c.record_id IN $record_ids OR $person_id IN coalesce(c.refs, []))
  AND c.action IN ['link', 'unlink', 'restore', 'merge', 'changes']
  AND any(n IN $names WHERE c.changes CONTAINS n OR c.record_name CONTAINS n)
SET c.changes = reduce(s = c.changes, n IN $names | replace(s, n, $placeholder)),
    c.record_name = reduce(s = c.record_name, n IN $names | replace(s, n, $placeholder))
RETURN count(c) AS redacted
