"""All Cypher of netzwerk, one named query per file (installed as ``netzwerk.cypher``)."""
