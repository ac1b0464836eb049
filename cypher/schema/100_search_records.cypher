// Full-text index of actors, alliances and projects including the street address and the
// postcode, so "Schulstraße 12" or "54290" finds the organisation there (the list search
// and autocomplete use it). It replaces `search_organisations`, whose fields cannot be
// changed in place; the duplicate check restricts its query to the former fields.
// Applied by `netzwerk init`; idempotent.

CREATE FULLTEXT INDEX search_records IF NOT EXISTS
  FOR (n:Actor|Alliance|Project)
  ON EACH [n.name, n.short_name, n.town, n.description, n.street, n.postcode]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
DROP INDEX search_organisations IF EXISTS;
