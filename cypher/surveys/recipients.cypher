// Who receives the links of the given invitations: per actor its current contact persons
// (or, for a personal invitation, that person) with e-mail, name and the consent fields the
// contact purpose is checked against (expiry of the current ledger record included), and
// the actor's own e-mail for invitations no person may be written to.
// Only persons of the survey's organisation receive a link (their data controller asks).
// params: $invite_ids (list), $reader (the survey's organisation: only its persons are asked, or null: all)
// returns: invite_id, actor_id, actor_name, actor_email, street, postcode, town (the
//          actor's postal address, for a paper Serienbrief), persons (list of maps)
MATCH (i:SurveyInvite) WHERE i.id IN $invite_ids
MATCH (a:Actor {id: i.actor_id})
CALL (i, a) {
  OPTIONAL MATCH (p:Person)-[w:WORKS_AT]->(a)
  WHERE (w.until IS NULL OR w.until >= date()) AND (i.person_id = '' OR p.id = i.person_id)
    AND ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
  CALL (p) {
    OPTIONAL MATCH (c:Consent {person_id: p.id, purpose: 'contact'})
    WITH c ORDER BY c.date DESC, c.recorded_at DESC LIMIT 1
    RETURN toString(c.expires) AS expires
  }
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE
           p {.id, .salutation, .title, .first_name, .last_name, .email, .consent_contact, .legal_basis,
              consent_contact_date: toString(p.consent_contact_date),
              consent_contact_expires: expires} END) AS persons
}
RETURN i.id AS invite_id, a.id AS actor_id, a.name AS actor_name,
       coalesce(a.email, '') AS actor_email, coalesce(a.street, '') AS street,
       coalesce(a.postcode, '') AS postcode, coalesce(a.town, '') AS town, persons
