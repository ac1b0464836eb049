// Names of the records an export filter refers to (alliance, project, topic, stage,
// target group, region), so file names and the export log can say "MINT-Initiativkreis" instead of an id.
// params: $ids (list of strings)
// returns: id, name
MATCH (n:Alliance|Project|Topic|Stage|TargetGroup|Region)
WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name
