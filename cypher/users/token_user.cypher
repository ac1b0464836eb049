// The account an API token belongs to (by hash), marking the token as used.
// params: $hash (hex string)
// returns: user (map); no row for an unknown token
MATCH (t:ApiToken {hash: $hash})-[:TOKEN_OF]->(u:User)
SET t.last_used = datetime()
RETURN u {.*} AS user
