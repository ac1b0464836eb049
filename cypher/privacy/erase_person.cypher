// DSGVO Löschung, first step: delete a person with all their relationships (jobs, contact
// roles). Returns only counts, the ids of linked records and what the erasure needs to
// redact history and to keep salted hashes for its suppression list, never the person's
// data itself to anyone but the erasure.
// params: $id (string)
// returns: erased (int: 0 or 1), links (int), neighbours (list of ids), names (list of the
//          current name forms, for redacting history written before names were resolved
//          at read time), first_name, last_name, email (for the suppression hashes),
//          contact (list: e-mail and phone, for sweeping free text)
OPTIONAL MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[r]-(m)
WITH p, count(r) AS links, collect(DISTINCT m.id) AS neighbours
WITH p, links, neighbours,
     [n IN [trim(coalesce(p.title, '') + ' ' + coalesce(p.first_name, '') + ' ' +
                 coalesce(p.last_name, '')),
            trim(coalesce(p.first_name, '') + ' ' + coalesce(p.last_name, '')),
            p.last_name] WHERE n IS NOT NULL AND n <> ''] AS names,
     coalesce(p.first_name, '') AS first_name, coalesce(p.last_name, '') AS last_name,
     coalesce(p.email, '') AS email,
     [c IN [p.email, p.phone] WHERE c IS NOT NULL AND c <> ''] AS contact
CALL (p) {
  WITH p WHERE p IS NOT NULL
  DETACH DELETE p
}
RETURN CASE WHEN p IS NULL THEN 0 ELSE 1 END AS erased, links, neighbours, names,
       first_name, last_name, email, contact
