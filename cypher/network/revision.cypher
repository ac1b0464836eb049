// A fingerprint of everything the network picture depends on; it changes whenever an actor,
// a cooperation, a membership or a classification is created, changed or deleted, so cached
// graphs and layouts can be reused until then.
// returns: fingerprint (list)
CALL () {
  MATCH (a:Actor) RETURN count(a) AS actors, max(a.updated) AS actors_updated
}
CALL () {
  MATCH ()-[r:COOPERATES_WITH|MEMBER_OF|PARTICIPATES_IN|LOCATED_IN|ACTIVE_IN|WORKS_ON|COVERS|SERVES]->()
  RETURN count(r) AS links, max(r.updated) AS links_updated
}
CALL () {
  MATCH (n:Topic|Stage|TargetGroup|Region|Alliance|Project)
  RETURN count(n) AS vocab, max(n.updated) AS vocab_updated
}
RETURN [actors, toString(actors_updated), links, toString(links_updated), vocab,
        toString(vocab_updated)] AS fingerprint
