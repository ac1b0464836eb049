// Candidates for the Löschkonzept review: persons whose legal basis is not the public task,
// with their current consent fields, their consent ledger (newest first) and their last
// review. Whether a consent still covers them and since when they have had no basis is
// decided in Python (netzwerk.graph.consent.without_basis), where expiry rules live.
// Only persons of the reader's organisation: each office reviews its own.
// params: $public_task (the legal basis that needs no consent),
//         $reader (organisation whose persons the reader sees, or null: all)
// returns: person (map: id, names, consent flags, consent dates as text, created),
//          records (list of consent maps), last_review (datetime or null)
MATCH (p:Person)
WHERE coalesce(p.legal_basis, '') <> $public_task
  AND ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
OPTIONAL MATCH (c:Consent {person_id: p.id})
WITH p, c ORDER BY c.date DESC, c.recorded_at DESC
WITH p, collect(c {.*}) AS records
OPTIONAL MATCH (r:ConsentReview {person_id: p.id})
WHERE r.consent_id IS NULL OR r.consent_id = ''
WITH p, records, max(r.at) AS last_review
RETURN p {.id, .title, .first_name, .last_name, .consent_contact, .consent_newsletter,
          consent_contact_date: toString(p.consent_contact_date),
          consent_newsletter_date: toString(p.consent_newsletter_date),
          created: p.created} AS person,
       records, last_review
LIMIT 100000
