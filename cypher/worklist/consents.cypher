// How many opt-ins expire on or before $until and still wait for their Löschkonzept review
// (the same rule as consent/expiring, counted), for the start page's worklist; of the
// reader's organisation only its own (and co-owned) persons' opt-ins, null: all.
// params: $until (date), $reader (slug or null), $default
// returns: count (int)
MATCH (c:Consent)
WHERE c.type = 'opt-in' AND c.expires IS NOT NULL AND c.expires <= $until
  AND coalesce(c.status, '') IN ['', 'confirmed']
  AND NOT EXISTS {
    MATCH (n:Consent {person_id: c.person_id, purpose: c.purpose})
    WHERE coalesce(n.status, '') IN ['', 'confirmed']
      AND (n.date > c.date OR (n.date = c.date AND n.recorded_at > c.recorded_at))
  }
  AND NOT EXISTS { MATCH (:ConsentReview {consent_id: c.id}) }
  AND ($reader IS NULL OR EXISTS {
    MATCH (p:Person {id: c.person_id})
    WHERE coalesce(p.org, $default) = $reader OR $reader IN coalesce(p.co_orgs, [])
  })
RETURN count(c) AS count
