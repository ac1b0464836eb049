// Before a restore replaces the data: every user's current session nonce and the ids of the
// API tokens that are valid now, so that the restore keeps logouts and revocations made
// after the backup was written.
// returns: users (list of {id, nonce}), tokens (list of ids)
CALL () {
  OPTIONAL MATCH (u:User)
  RETURN collect(CASE WHEN u IS NULL THEN null ELSE {id: u.id, nonce: u.session_nonce} END)
         AS users
}
CALL () {
  OPTIONAL MATCH (t:ApiToken)
  RETURN collect(t.id) AS tokens
}
RETURN users, tokens
