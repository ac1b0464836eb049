// Rename an organisation (its slug stays: records and users name it by slug), with
// optimistic locking like nodes/update.
// params: $slug, $version (int), $name, $recipient
// returns: before (map), organisation (map), applied (bool); no row if missing
MATCH (o:Organisation {slug: $slug})
SET o.__lock = true
REMOVE o.__lock
WITH o, o {.*} AS before, o.version = $version AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET o.name = $name, o.recipient = $recipient, o.updated = datetime(),
      o.version = o.version + 1)
RETURN before, o {.*} AS organisation, applied
