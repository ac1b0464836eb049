// What applying one journal part found (conflicts, links whose ends were missing), stored
// on the part in the transaction that applied it.
// params: $id, $seq, $result (JSON string)
// returns: seq
MATCH (p:ChangesetPart {changeset: $id, seq: $seq})
SET p.result = $result
RETURN p.seq AS seq
