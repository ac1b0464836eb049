// After a Löschung: the history of records the person was linked to has "link"/"unlink"
// entries naming the person ("Eva Muster → VHS Trier"); replace those names.
// Only entries of the given records and of link actions are touched, so a namesake
// elsewhere in the history stays as it is.
// params: $record_ids (list of ids), $names (list of strings, longest first), $placeholder
// returns: redacted (int)
MATCH (c:Change)
WHERE c.record_id IN $record_ids AND c.action IN ['link', 'unlink']
  AND any(n IN $names WHERE c.changes CONTAINS n OR c.record_name CONTAINS n)
SET c.changes = reduce(s = c.changes, n IN $names | replace(s, n, $placeholder)),
    c.record_name = reduce(s = c.record_name, n IN $names | replace(s, n, $placeholder))
RETURN count(c) AS redacted
