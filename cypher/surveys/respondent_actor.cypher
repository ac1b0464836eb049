// What a respondent's page shows about the invitation's own actor — and nothing about any
// other actor beyond its name: master data, classifications, current contact persons
// (name, function, e-mail) and current cooperation partners (id, name, link fields).
// Only contact persons of the survey's organisation: another office's persons at the same
// actor are not its to show or to ask about.
// params: $id (actor id), $reader (the survey's organisation: only its persons are asked, or null: all)
// returns: actor (map), vocab (list of {rel, id, link_id}), contacts (list of maps),
//          partners (list of maps); no row if the actor is missing
MATCH (a:Actor {id: $id})
CALL (a) {
  OPTIONAL MATCH (a)-[r:WORKS_ON|COVERS|SERVES|ACTIVE_IN]->(v)
  RETURN collect(CASE WHEN v IS NULL THEN null ELSE {rel: type(r), id: v.id, link_id: r.id} END)
         AS vocab
}
CALL (a) {
  OPTIONAL MATCH (p:Person)-[w:WORKS_AT]->(a)
  WHERE (w.until IS NULL OR w.until >= date())
    AND ($reader IS NULL OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
  WITH p, w ORDER BY toLower(coalesce(p.last_name, '')), p.id
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE
           {id: p.id, link_id: w.id,
            name: trim(coalesce(p.title, '') + ' ' + coalesce(p.first_name, '') + ' ' +
                       coalesce(p.last_name, '')),
            function: coalesce(w.function, p.function, ''), email: coalesce(p.email, ''),
            consent_contact: coalesce(p.consent_contact, false),
            consent_source: coalesce(p.consent_contact_source, ''),
            legal_basis: coalesce(p.legal_basis, '')} END) AS contacts
}
CALL (a) {
  OPTIONAL MATCH (a)-[c:COOPERATES_WITH]-(o:Actor)
  WHERE c.until IS NULL OR c.until >= date()
  WITH o, c ORDER BY toLower(o.name)
  RETURN collect(CASE WHEN o IS NULL THEN null ELSE
           {id: o.id, name: o.name, link_id: c.id, kind: coalesce(c.kind, ''),
            intensity: c.intensity, value: c.value, trust: c.trust, since: c.since,
            source: coalesce(c.source, '')} END)
         AS partners
}
RETURN a {.id, .name, .short_name, .kind, .street, .postcode, .town, .website, .email,
          .phone} AS actor, vocab, contacts, partners
