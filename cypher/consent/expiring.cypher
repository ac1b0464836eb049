// Opt-ins that expire on or before $until and are still their purpose's current record (no
// newer effective record for the same person and purpose) and were not reviewed yet, for
// the Löschkonzept page. Pending and declined records (consent given by someone else and
// not or not yet confirmed by the person) state nobody's will and are left out.
// Only persons of the reader's organisation: each office reviews its own.
// params: $until (date), $reader (organisation whose persons the reader sees, or null: all)
// returns: consent (map), person (map: title, first_name, last_name)
MATCH (c:Consent)
WHERE c.type = 'opt-in' AND c.expires IS NOT NULL AND c.expires <= $until
  AND coalesce(c.status, '') IN ['', 'confirmed']
  AND NOT EXISTS {
    MATCH (n:Consent {person_id: c.person_id, purpose: c.purpose})
    WHERE coalesce(n.status, '') IN ['', 'confirmed']
      AND (n.date > c.date OR (n.date = c.date AND n.recorded_at > c.recorded_at))
  }
  AND NOT EXISTS { MATCH (:ConsentReview {consent_id: c.id}) }
MATCH (p:Person {id: c.person_id})
WHERE ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
RETURN c {.*} AS consent, p {.title, .first_name, .last_name} AS person
ORDER BY c.expires
LIMIT 5000
