// The shared vocabularies a respondent may tick (topics, stages, target groups, regions).
// returns: label, id, name, order
MATCH (v:Topic|Stage|TargetGroup|Region)
RETURN head(labels(v)) AS label, v.id AS id, v.name AS name, coalesce(v.order, 0) AS order
ORDER BY label, order, toLower(v.name)
