"""Shared by the import benchmarks: one import end to end, timed per phase."""

from __future__ import annotations

import time

from netzwerk import graph
from netzwerk.graph import imports, operations


def timed_import(
    store: graph.Store, data: bytes, name: str
) -> tuple[imports.ImportPlan, operations.CommitResult, dict[str, float]]:
    """Read, detect and map, dry run and commit ``data``; seconds per phase."""
    t0 = time.perf_counter()
    table = imports.read_table(data, name)
    kind = imports.detect_kind(table.headers)
    mapping = imports.guess(table.headers, kind)
    t1 = time.perf_counter()
    plan = imports.dry_run(store, table, kind, mapping)
    t2 = time.perf_counter()
    result = operations.commit_import(store, plan, user="bench")
    t3 = time.perf_counter()
    return plan, result, {"read": t1 - t0, "dry_run": t2 - t1, "commit": t3 - t2}
