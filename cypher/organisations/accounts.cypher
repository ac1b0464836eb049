// How many accounts work for each organisation (the organisations page).
// params: $default (the default slug)
// returns: org, accounts
MATCH (u:User)
RETURN coalesce(u.org, $default) AS org, count(u) AS accounts
