// Create an organisation or change its name (found by slug); used by the seed and the
// admin's command.
// params: $id, $slug, $name, $recipient
// returns: organisation (map)
MERGE (o:Organisation {slug: $slug})
  ON CREATE SET o.id = $id, o.created = datetime(), o.version = 0
SET o.name = $name, o.recipient = $recipient, o.updated = datetime(),
    o.version = o.version + 1
RETURN o {.*} AS organisation
