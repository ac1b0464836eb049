// Indicators (Bildungsmonitoring values): unique ids, and an index on region, measure and
// year for the joined views and the import's lookup of stored values.
// Applied by `netzwerk init`; statements are separated by semicolons; idempotent.

CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE INDEX indicator_region_measure_year IF NOT EXISTS FOR (n:Indicator) ON (n.region, n.measure, n.year);
