// Surveys belong to the office that asks: one stored before surveys had an organisation
// belongs to the office of the account that created it (the default organisation for a
// name without an account), so its invitations, answers and review queue stay with that
// office. Idempotent: sets `org` only where none is set.

MATCH (s:Survey)
WHERE s.org IS NULL
OPTIONAL MATCH (u:User {username: s.created_by})
SET s.org = coalesce(u.org, 'default');
