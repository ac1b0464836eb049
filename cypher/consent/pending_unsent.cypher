// Pending consents (given for the person by someone else) whose confirmation mail has not
// been sent yet, with what the mail needs: the person's address and name.
// Sent per owning office: the mail names the office that holds the person's data.
// params: $reader (organisation whose persons the reader sees, or null: all)
// returns: consent (map), person (map: id, title, first_name, last_name, email, org: the
//          owning organisation's slug)
MATCH (c:Consent {status: 'pending'})
WHERE c.confirm_sent_at IS NULL
MATCH (p:Person {id: c.person_id})
WHERE ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
RETURN c {.*} AS consent, p {.id, .title, .first_name, .last_name, .email, org: coalesce(p.org, 'default')} AS person
ORDER BY c.recorded_at
LIMIT 5000
