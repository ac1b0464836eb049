// Create an organisation (an office) unless its slug is taken: the admin's form.
// params: $id, $slug, $name, $recipient
// returns: organisation (map), created (bool: false when the slug already existed)
MERGE (o:Organisation {slug: $slug})
  ON CREATE SET o.id = $id, o.name = $name, o.recipient = $recipient,
                o.created = datetime(), o.updated = datetime(), o.version = 1, o.__new = true
WITH o, coalesce(o.__new, false) AS created
REMOVE o.__new
RETURN o {.*} AS organisation, created
