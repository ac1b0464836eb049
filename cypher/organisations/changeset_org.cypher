// Which organisation a changeset belongs to: a proposal to its addressee (who accepted it),
// anything else to the organisation of the account that made it (an import, a workbook, a
// merge). Read inside the undo's first transaction, before anything is reverted.
// params: $id (the changeset's id), $default (the default slug)
// returns: org; no row if missing
MATCH (c:Changeset {id: $id})
OPTIONAL MATCH (u:User {username: c.author})
RETURN CASE WHEN c.kind = 'proposal' AND coalesce(c.to_org, '') <> '' THEN c.to_org
            ELSE coalesce(u.org, $default) END AS org
