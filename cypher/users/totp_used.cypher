// Accept a second-factor code once: a TOTP code only for a later time step than the last one
// accepted, a backup code only while it is unused (then it is struck off). Checked under the
// account's lock, so two requests racing with the same code cannot both pass.
// Not versioned on purpose, like the session nonce: bookkeeping of a login, not an edit.
// params: $id (string), $step (int: the TOTP time step; 0 for a backup code),
//         $used (string: the backup code's hash; "" for a TOTP code)
// returns: applied (bool); no row if the user is missing
MATCH (u:User {id: $id})
SET u.__lock = true
REMOVE u.__lock
WITH u, CASE WHEN $used <> "" THEN $used IN coalesce(u.backup_codes, [])
             ELSE coalesce(u.totp_last, 0) < $step END AS applied
FOREACH (_ IN CASE WHEN applied THEN [1] ELSE [] END |
  SET u.totp_last = CASE WHEN $used <> "" THEN coalesce(u.totp_last, 0) ELSE $step END,
      u.backup_codes = [c IN coalesce(u.backup_codes, []) WHERE c <> $used])
RETURN applied
