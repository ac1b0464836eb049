// Current names of records that history entries refer to by id (names are resolved when
// the history is read, so an erased person or a renamed record shows as it is now).
// placeholders: __LABEL__ (from netzwerk.graph.model.LABELS)
// A person of another organisation than the reader's is not named (hidden).
// params: $ids (list of ids), $reader (organisation whose persons the reader sees, or null)
// returns: id, name (null when hidden), hidden (bool)
MATCH (n:__LABEL__)
WHERE n.id IN $ids
WITH n, NOT ($reader IS NULL OR NOT n:Person OR coalesce(n.org, 'default') = $reader OR $reader IN coalesce(n.co_orgs, [])) AS hidden
RETURN n.id AS id, hidden,
       CASE WHEN hidden THEN null ELSE
         coalesce(n.name,
                  trim(coalesce(n.title, '') + ' ' + coalesce(n.first_name, '') + ' ' +
                       coalesce(n.last_name, ''))) END AS name
