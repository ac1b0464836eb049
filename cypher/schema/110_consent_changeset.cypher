// Consent ledger entries written by a changeset are found by its id when it is undone.
CREATE INDEX consent_changeset IF NOT EXISTS FOR (c:Consent) ON (c.changeset);
