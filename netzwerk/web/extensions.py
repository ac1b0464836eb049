"""The app's extensions and the store, in a module of their own.

Blueprints import these from here rather than from ``netzwerk.web`` (the package that
registers the blueprints), so no blueprint imports the module that imports it.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from netzwerk import graph

csrf = CSRFProtect()
babel = Babel()


def get_store() -> graph.Store:
    """The app's store, created on first use so the app starts even while Neo4j is down."""
    store = current_app.extensions.get("netzwerk_store")
    if store is None:
        store = current_app.config.get("STORE") or graph.connect()
        current_app.extensions["netzwerk_store"] = store
    return store
