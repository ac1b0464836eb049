// Organisations: everything written before they existed belongs to one default
// organisation, so a single office notices nothing. Idempotent: sets `org` only where none
// is set. The default organisation needs no node (records/organisations.py names it).

MATCH (n:Actor|Person|Alliance|Project|Topic|Stage|TargetGroup|Region)
WHERE n.org IS NULL
SET n.org = 'default';

MATCH (u:User)
WHERE u.org IS NULL
SET u.org = 'default';
