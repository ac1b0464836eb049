// Entries on actors between two moments that add or remove an actor, a cooperation or a
// membership (oldest first): what the report's chapter "Was hat sich verändert?" names
// beside the network's own since/until dates.
// params: $start, $end (datetime), $actions (list of actions: create, delete, restore,
//         link, unlink, merge, and `changes` for folded entries, which the caller unfolds)
// returns: change (map)
MATCH (c:Change {label: 'Actor'})
WHERE c.at >= $start AND c.at < $end AND c.action IN $actions
RETURN c {.*} AS change
ORDER BY c.at, c.id
