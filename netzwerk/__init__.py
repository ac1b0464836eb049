"""netzwerk: network and stakeholder graph manager for municipal education offices.

The package is split so that each part can be understood on its own:
``netzwerk.graph`` owns the Neo4j store and the analyses and knows nothing of the web,
``netzwerk.web`` is the Flask application that talks to the store only through
``netzwerk.graph``, ``netzwerk.localdb`` runs a project-managed Neo4j server, and
``netzwerk.cli`` ties them together as the ``netzwerk`` command.
"""

__version__ = "0.1.0"
