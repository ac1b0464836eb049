// After a restore over existing data: users keep the session nonce they had before the
// restore (a logout since the backup stays a logout); users the database no longer had get
// a fresh one (no revived sessions); tokens revoked since the backup stay revoked.
// params: $users (list of {id, nonce}), $tokens (list of token ids valid before)
// returns: users (int), tokens_removed (int)
CALL () {
  MATCH (u:User)
  WITH u, [x IN $users WHERE x.id = u.id | x.nonce] AS before
  SET u.session_nonce = CASE WHEN size(before) > 0 THEN before[0] ELSE randomUUID() END
  RETURN count(u) AS users
}
CALL () {
  OPTIONAL MATCH (t:ApiToken)
  WHERE NOT t.id IN $tokens
  DETACH DELETE t
  RETURN count(t) AS tokens_removed
}
RETURN users, tokens_removed
