// Last step of a merge: fill the survivor's fields, bump its version, delete the duplicate
// (with the edges that were not moved: only a cooperation between the two).
// params: $survivor, $duplicate (ids), $props (fields to set on the survivor)
// returns: node (survivor's map)
MATCH (s:Actor {id: $survivor})
MATCH (d:Actor {id: $duplicate})
DETACH DELETE d
WITH s
SET s += $props, s.updated = datetime(), s.version = s.version + 1
RETURN s {.*} AS node
