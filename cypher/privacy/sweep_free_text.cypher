// After a Löschung: free text anywhere that still spells out the person — a full name, the
// e-mail address or the phone number typed into notes and descriptions of records, into a
// relationship's note, or kept in a history entry's old/new values (which hold such notes
// too) — gets the placeholder instead. Only terms long enough to be the person's are
// passed (full names, not a bare surname), so a namesake's short word stays.
// params: $terms (list of strings, longest first; each also in its JSON-escaped form),
//         $placeholder
// returns: nodes (int), links (int), history (int)
CALL () {
  MATCH (n)
  WHERE NOT n:Change
    AND any(t IN $terms WHERE coalesce(n.notes, '') CONTAINS t
                           OR coalesce(n.description, '') CONTAINS t
                           OR coalesce(n.note, '') CONTAINS t)
  SET n.notes = CASE WHEN n.notes IS NULL THEN null
                     ELSE reduce(s = n.notes, t IN $terms | replace(s, t, $placeholder)) END,
      n.description = CASE WHEN n.description IS NULL THEN null
                     ELSE reduce(s = n.description, t IN $terms | replace(s, t, $placeholder)) END,
      n.note = CASE WHEN n.note IS NULL THEN null
                     ELSE reduce(s = n.note, t IN $terms | replace(s, t, $placeholder)) END
  RETURN count(n) AS nodes
}
CALL () {
  MATCH ()-[r]->()
  WHERE r.note IS NOT NULL AND any(t IN $terms WHERE r.note CONTAINS t)
  SET r.note = reduce(s = r.note, t IN $terms | replace(s, t, $placeholder))
  RETURN count(r) AS links
}
CALL () {
  MATCH (c:Change)
  WHERE any(t IN $terms WHERE c.changes CONTAINS t OR coalesce(c.record_name, '') CONTAINS t)
  SET c.changes = reduce(s = c.changes, t IN $terms | replace(s, t, $placeholder)),
      c.record_name = reduce(s = coalesce(c.record_name, ''), t IN $terms |
                             replace(s, t, $placeholder))
  RETURN count(c) AS history
}
RETURN nodes, links, history
