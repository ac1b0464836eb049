// The settings of the public Bildungslandkarte (one node; absent until an admin saves it).
// params: none
// returns: map (map); no row if it was never configured
MATCH (m:PublicMap {id: 'public-map'})
RETURN m {.*} AS map
