// What the public Bildungslandkarte says about each actor beyond the network snapshot: its
// address and the organisation's own website, e-mail and phone. Never a person's data:
// persons are not read here at all.
// params: none
// returns: id, street, postcode, town, website, email, phone (strings, '' if unset)
MATCH (a:Actor)
RETURN a.id AS id, coalesce(a.street, '') AS street, coalesce(a.postcode, '') AS postcode,
       coalesce(a.town, '') AS town, coalesce(a.website, '') AS website,
       coalesce(a.email, '') AS email, coalesce(a.phone, '') AS phone
