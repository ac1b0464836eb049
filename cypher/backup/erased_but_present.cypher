// After a restore: persons with an erasure note of whom the restored data holds something
// again (the backup was made before their erasure) – as a live record, in the trash (their
// own entry or a link in another record's snapshot) or in their own unredacted history.
// They are erased once more.
// params: $placeholder (the name erased history entries carry)
// returns: person_id
MATCH (e:Erasure)
WHERE EXISTS { MATCH (:Person {id: e.person_id}) }
   OR EXISTS { MATCH (t:Trash) WHERE t.record_id = e.person_id OR e.person_id IN coalesce(t.refs, []) }
   OR EXISTS { MATCH (c:Change {record_id: e.person_id}) WHERE c.record_name <> $placeholder }
RETURN e.person_id AS person_id
