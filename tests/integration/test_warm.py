"""The warm-up of a fresh test instance (``tests/warm.py``) never touches a database with data.

``make test`` runs it against each instance it started; it loads the demo region and empties
the database afterwards, so on a database that already holds something it must do nothing.
"""

from __future__ import annotations

from netzwerk import graph
from netzwerk.graph.admin import users
from tests import warm
from tests.conftest import PASSWORD


def test_the_warm_up_leaves_a_database_with_data_alone(store: graph.Store) -> None:
    users.create_user(store, "jemand", PASSWORD, role="viewer")
    assert warm.warm(store) == "Datenbank nicht leer, nicht aufgewärmt"
    assert users.find_user(store, "jemand") is not None
    assert not graph.is_empty(store)
