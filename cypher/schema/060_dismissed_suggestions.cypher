// Dismissed partner suggestions (gap analyses): an index on when they were
// dismissed, for the newest-first list. Creating it also registers the relationship type,
// so reading dismissals from an empty database raises no "unknown type" warning.
CREATE INDEX dismissed_suggestion_at IF NOT EXISTS FOR ()-[r:DISMISSED_SUGGESTION]-() ON (r.at);
