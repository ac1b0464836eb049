// Read or replace a user's session nonce, the value every browser session of the user must
// carry. Flask keeps sessions in signed cookies that stay valid when copied, so logging out
// replaces the nonce: every cookie issued before becomes worthless (logout everywhere).
// Not versioned on purpose: it is bookkeeping, and must not conflict with an admin's edit.
// params: $id (string), $nonce (string, the new value), $rotate (bool: replace even if set)
// returns: nonce (string); no row if the user is missing
MATCH (u:User {id: $id})
SET u.session_nonce = CASE
  WHEN $rotate OR u.session_nonce IS NULL THEN $nonce ELSE u.session_nonce END
RETURN u.session_nonce AS nonce
