"""Which local Neo4j instance a test process uses when pytest-xdist runs several.

Every test empties its database afterwards, and the fault tests stop and kill theirs, so two
processes never share an instance: the first worker ("gw0") and a run without workers use the
instance they are given, worker "gwN" the same name with "-gwN" appended.
"""

from __future__ import annotations

import os


def worker_instance(base: str, worker: str | None = None) -> str:
    """``base`` for the first worker (or none), ``base-gwN`` for worker ``gwN``."""
    if worker is None:
        worker = os.environ.get("PYTEST_XDIST_WORKER")
    return base if worker in (None, "", "gw0") else f"{base}-{worker}"
