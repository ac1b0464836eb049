// Where stored actors with a postcode and town are located: the evidence the import uses to
// give a new actor its region from PLZ/Ort ("54293 Trier" → Ehrang/Quint).
// returns: postcode, town, region (region id), n (number of actors)
MATCH (a:Actor)-[:LOCATED_IN]->(r:Region)
RETURN a.postcode AS postcode, a.town AS town, r.id AS region, count(*) AS n
