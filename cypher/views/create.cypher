// Save a view of the network picture: filter, date, colouring, sizing and pinned positions
// (the filter and the pins as JSON text; a view is read whole, never queried inside).
// params: $id, $props (map: name, owner, shared, picture, filter, colour, size, pins)
// returns: view (map)
CREATE (v:SavedView {id: $id})
SET v += $props, v.created = datetime(), v.updated = datetime()
RETURN v {.*} AS view
