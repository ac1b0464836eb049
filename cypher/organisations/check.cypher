// Who may write these records: the acting user's organisation and role, and each record's
// owning organisation with its co-owners (a record or user naming none is in $default).
// Read inside the write's transaction, before anything is written.
// placeholders: __LABEL__ (a label or label disjunction from model.LABELS)
// params: $user (login name), $ids (list of record ids), $default (the default slug)
// returns: known (bool: the user has an account), user_org, role,
//          records (list of {id, owner, co_owners})
OPTIONAL MATCH (u:User {username: $user})
WITH u
OPTIONAL MATCH (n:__LABEL__) WHERE n.id IN $ids
RETURN u IS NOT NULL AS known, coalesce(u.org, $default) AS user_org,
       coalesce(u.role, '') AS role,
       [r IN collect(n) | {id: r.id, owner: coalesce(r.org, $default),
                           co_owners: coalesce(r.co_orgs, [])}] AS records
