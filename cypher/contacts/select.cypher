// Persons for a contact list, one row per person (a person working at several matching
// actors appears once), with every current organisation and the consent fields the export
// filters by. A person passes when at least one current employer (WORKS_AT without an
// `until` in the past) matches every actor filter; for alliance/project filters a direct
// CONTACT_FOR the alliance/project also counts, when no other actor filter is set.
// Region filters include sub-regions (PART_OF*0..) and match LOCATED_IN or ACTIVE_IN.
// The organisation filter keeps employers an office keeps (owner or co-owner); `across`
// keeps employers with a current cooperation with an actor another office owns.
// params: $alliance, $project, $topic, $stage, $region (id strings or null),
//         $organisation (an organisation's slug or null), $across (bool),
//         $default (the slug of actors that name no organisation),
//         $kinds (list of actor kinds, empty = all), $function (lower-case text, '' = all),
//         $actor_filters (bool: any of the actor filters is set),
//         $only_org_filters (bool: alliance/project are the only actor filters),
//         $reader (organisation whose persons the reader sees, or null: all): persons of
//         other organisations are never exported
// Only the fields an export needs are returned, consent dates as ISO strings: decoding
// 10,000 full person maps with their datetime bookkeeping costs the Python driver seconds.
// returns: person (map: id, names, function, email, phone, consent flags, consent dates as
//          'YYYY-MM-DD' strings or null, legal_basis, consent_<purpose>_expires: expiry of the
//          purpose's current consent record as text or null), orgs (list of {id, name, street, postcode, town}),
//          functions (list of strings)
MATCH (p:Person)
WHERE ($reader IS NULL OR NOT p:Person OR coalesce(p.org, 'default') = $reader OR $reader IN coalesce(p.co_orgs, []))
AND ($function = ''
   OR toLower(coalesce(p.function, '')) CONTAINS $function
   OR EXISTS {
     MATCH (p)-[w:WORKS_AT]->(:Actor)
     WHERE toLower(coalesce(w.function, '')) CONTAINS $function
   })
CALL (p) {
  OPTIONAL MATCH (p)-[w:WORKS_AT]->(a:Actor)
  WHERE w.until IS NULL OR w.until >= date()
  WITH a, w ORDER BY a.name
  RETURN collect(CASE WHEN a IS NULL THEN null ELSE
           {id: a.id, name: a.name, street: coalesce(a.street, ''),
            postcode: coalesce(a.postcode, ''), town: coalesce(a.town, '')} END) AS orgs,
         [f IN collect(w.function) WHERE f IS NOT NULL AND f <> ''] AS functions
}
CALL (p) {
  OPTIONAL MATCH (p)-[w:WORKS_AT]->(a:Actor)
  WHERE $actor_filters
    AND (w.until IS NULL OR w.until >= date())
    AND (size($kinds) = 0 OR a.kind IN $kinds)
    AND ($alliance IS NULL OR EXISTS {
      MATCH (a)-[m:MEMBER_OF]->(:Alliance {id: $alliance})
      WHERE m.until IS NULL OR m.until >= date()
    })
    AND ($project IS NULL OR EXISTS {
      MATCH (a)-[m:PARTICIPATES_IN]->(:Project {id: $project})
      WHERE m.until IS NULL OR m.until >= date()
    })
    AND ($topic IS NULL OR EXISTS { MATCH (a)-[:WORKS_ON]->(:Topic {id: $topic}) })
    AND ($stage IS NULL OR EXISTS { MATCH (a)-[:COVERS]->(:Stage {id: $stage}) })
    AND ($region IS NULL OR EXISTS {
      MATCH (a)-[:LOCATED_IN|ACTIVE_IN]->(:Region)-[:PART_OF*0..]->(:Region {id: $region})
    })
    AND ($organisation IS NULL OR coalesce(a.org, $default) = $organisation
         OR $organisation IN coalesce(a.co_orgs, []))
    AND (NOT $across OR EXISTS {
      MATCH (a)-[c:COOPERATES_WITH]-(b:Actor)
      WHERE coalesce(b.org, $default) <> coalesce(a.org, $default)
        AND (c.until IS NULL OR c.until >= date())
    })
  RETURN count(a) AS matching
}
WITH p, orgs, functions, matching
WHERE NOT $actor_filters
   OR matching > 0
   OR ($only_org_filters AND (
        ($alliance IS NOT NULL AND EXISTS { MATCH (p)-[:CONTACT_FOR]->(:Alliance {id: $alliance}) })
        OR ($project IS NOT NULL AND EXISTS { MATCH (p)-[:CONTACT_FOR]->(:Project {id: $project}) })
      ))
CALL (p) {
  OPTIONAL MATCH (c:Consent {person_id: p.id})
  WITH c ORDER BY c.date DESC, c.recorded_at DESC
  WITH c.purpose AS purpose, head(collect([c.expires]))[0] AS expires
  RETURN collect(CASE WHEN purpose = 'contact' THEN toString(expires) END)[0] AS contact_expires,
         collect(CASE WHEN purpose = 'newsletter' THEN toString(expires) END)[0] AS newsletter_expires
}
RETURN p {.id, .salutation, .title, .first_name, .last_name, .function, .email, .phone,
          .consent_newsletter, .consent_contact, .legal_basis,
          consent_newsletter_date: toString(p.consent_newsletter_date),
          consent_contact_date: toString(p.consent_contact_date),
          consent_contact_expires: contact_expires,
          consent_newsletter_expires: newsletter_expires} AS person,
       orgs, functions
ORDER BY toLower(coalesce(p.last_name, '')), toLower(coalesce(p.first_name, '')), p.id
