// Indicator values, optionally of some regions and measures, with their region's name.
// params: $regions (list of region ids, empty: all), $measures (list of codes, empty: all)
// returns: indicator (map), region_name
MATCH (i:Indicator)
WHERE (size($regions) = 0 OR i.region IN $regions)
  AND (size($measures) = 0 OR i.measure IN $measures)
OPTIONAL MATCH (r:Region {id: i.region})
RETURN i {.*} AS indicator, r.name AS region_name
ORDER BY region_name, i.label, i.year
