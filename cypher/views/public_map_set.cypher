// Switch the public Bildungslandkarte on or off and set its title and introduction.
// params: $props (map: enabled, title, intro, updated_by)
// returns: map (map)
MERGE (m:PublicMap {id: 'public-map'})
SET m += $props, m.updated = datetime()
RETURN m {.*} AS map
