// Once a changeset is applied (or failed), its journal's payloads are not needed any more:
// what each record was and became is in its history entries, which erasure sweeps. The
// payloads (records with names and contact data) go, so personal data is not kept twice.
// params: $id
// returns: parts (int)
MATCH (p:ChangesetPart {changeset: $id})
SET p.payload = null
RETURN count(p) AS parts
