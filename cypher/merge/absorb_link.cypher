// The survivor already has this link: fill its empty fields from the duplicate's link and
// drop the duplicate's edge (its values are kept in the history entry of the merge).
// placeholders: __TYPE__
// params: $keep (relationship id), $drop (relationship id), $props (fields to fill, may be {})
// returns: absorbed (int)
MATCH ()-[k:__TYPE__ {id: $keep}]->()
MATCH ()-[d:__TYPE__ {id: $drop}]->()
DELETE d
WITH k
FOREACH (_ IN CASE WHEN size(keys($props)) > 0 THEN [1] ELSE [] END |
  SET k += $props, k.updated = datetime(), k.version = coalesce(k.version, 0) + 1)
RETURN count(k) AS absorbed
