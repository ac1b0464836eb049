// Append one record to a person's consent ledger, inside the transaction that also updates
// the person's derived consent fields and writes the history. The person must exist.
// params: $id, $person_id, $props (map: purpose, type, date, source, expires, wording),
//         $user (who recorded it)
// returns: consent (map); no row if the person is missing
MATCH (p:Person {id: $person_id})
CREATE (c:Consent {id: $id, person_id: $person_id})
SET c += $props, c.recorded_by = $user, c.recorded_at = datetime()
RETURN c {.*} AS consent
