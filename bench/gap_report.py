"""Benchmark: the full gap report on networks of 5,000 and 50,000 actors, every shape.

Run with ``NETZWERK_INSTANCE=bench .venv/bin/python -m bench gap_report``. The networks
come from :mod:`bench._planted` in each of its shapes (planted groups of 20–200 with a few
hubs; the same groups grown by preferential attachment; Pareto-weighted endpoints — the
same networks :mod:`bench.analysis_quality` scores for correctness), built directly as a
:class:`netzwerk.graph.network.snapshot.Snapshot` (no database). Every run selects a fresh frozen
graph, so nothing computed in an earlier run is reused (on the pages the report is cached
per filter). The 5,000-actor network is also loaded through Neo4j once, to include load
time. Writes its section of docs/PERFORMANCE.md.

Targets: full report under 1 s at 5,000 actors and under 10 s at 50,000.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from bench._planted import SHAPES, planted
from bench._report import machine, write_section
from netzwerk.graph.analysis import metrics, report
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.network.snapshot import Snapshot

TARGETS = {5_000: 1.0, 50_000: 10.0}


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def timed_table(snap: Snapshot) -> tuple[float, float, float]:
    """The per-actor metric table on a fresh graph after its report (as the pages reach
    it): wall-clock and CPU seconds, and seconds for a second, cached request."""
    g = nx.freeze(snapshot.select(snap, Filter(as_of=date(2026, 1, 1))))
    report.gap_report(g)
    t, c = time.perf_counter(), time.process_time()
    metrics.metric_table(g)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    metrics.metric_table(g)
    return wall, cpu, time.perf_counter() - t


def timed_report(snap: Snapshot) -> tuple[float, float, float, report.GapReport]:
    """Select a fresh frozen graph (as the pages get it) and run the whole report on it;
    seconds of selection, and wall-clock and CPU seconds of the report (on a shared
    machine the CPU time is what a quiet machine's wall clock would show: the report runs
    on one core)."""
    t0 = time.perf_counter()
    g = nx.freeze(snapshot.select(snap, Filter(as_of=date(2026, 1, 1))))
    t1, c1 = time.perf_counter(), time.process_time()
    rep = report.gap_report(g)
    return t1 - t0, time.perf_counter() - t1, time.process_time() - c1, rep


def through_neo4j(snap: Snapshot) -> tuple[float, float, float]:
    """Load the synthetic network into the bench instance; time snapshot load + report."""
    from netzwerk import graph
    from netzwerk.graph.analysis import source
    from netzwerk.graph.core import bulk
    from netzwerk.graph.core.model import (
        Actor,
        Alliance,
        Link,
        Project,
        Region,
        Stage,
        TargetGroup,
        Topic,
    )

    v = snap.vocabulary
    with graph.connect() as store:
        graph.apply_schema(store)
        graph.wipe(store)
        nodes: list[Any] = [
            Stage(id=k, name=n, order=v.stage_order[k]) for k, n in v.stages.items()
        ]
        nodes += [Topic(id=k, name=n) for k, n in v.topics.items()]
        nodes += [TargetGroup(id=k, name=n) for k, n in v.target_groups.items()]
        nodes += [Region(id=k, name=n, kind=v.region_kind[k]) for k, n in v.regions.items()]
        nodes += [Alliance(id=k, name=n) for k, n in v.alliances.items()]
        nodes += [Project(id=k, name=n) for k, n in v.projects.items()]
        nodes += [Actor(id=a["id"], name=a["name"], kind=a["kind"]) for a in snap.actors]
        links = [Link(type="PART_OF", from_id=c, to_id=p) for c, p in v.region_parent.items()]
        for a in snap.actors:
            links.append(Link(type="LOCATED_IN", from_id=a["id"], to_id=a["located_in"]))
            links += [Link(type="ACTIVE_IN", from_id=a["id"], to_id=r) for r in a["active_in"]]
            links += [Link(type="WORKS_ON", from_id=a["id"], to_id=t) for t in a["topics"]]
            links += [Link(type="COVERS", from_id=a["id"], to_id=s) for s in a["stages"]]
            links += [Link(type="SERVES", from_id=a["id"], to_id=t) for t in a["target_groups"]]
            links += [
                Link(type="MEMBER_OF", from_id=a["id"], to_id=m["id"], role="Mitglied")
                for m in a["alliances"]
            ]
            links += [
                Link(type="PARTICIPATES_IN", from_id=a["id"], to_id=m["id"], role="Partner")
                for m in a["projects"]
            ]
        links += [
            Link(
                type="COOPERATES_WITH",
                id=c["id"],
                from_id=c["a"],
                to_id=c["b"],
                kind=c["kind"],
                intensity=1,
                since=c["since"],
            )
            for c in snap.cooperations
        ]
        t0 = time.perf_counter()
        bulk.merge_nodes(store, nodes, validate=False)
        bulk.merge_links(store, links, validate=False)
        bulk_s = time.perf_counter() - t0
        report.clear_cache()
        snapshot.clear_cache()
        t0 = time.perf_counter()
        data, _rep = source.report(store, Filter(as_of=date(2026, 1, 1)))
        cold = time.perf_counter() - t0
        assert data.graph.number_of_nodes() == len(snap.actors)
        t0 = time.perf_counter()
        source.report(store, Filter(as_of=date(2026, 1, 1)))
        warm = time.perf_counter() - t0
        graph.wipe(store)
    return bulk_s, cold, warm


def main() -> None:
    lines = [
        "## Gap report (`bench/gap_report.py`)",
        "",
        f"{machine()}",
        "",
        "| shape | network | load avg before | select (filter) | full report, wall clock | "
        "full report, CPU | target | brokers | slowest analyses (wall clock) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    tables: list[tuple[Any, ...]] = []
    ratios: list[str] = []
    for shape, make in SHAPES.items():
        results: dict[int, float] = {}
        for n, m, runs in ((5_000, 25_000, 3), (50_000, 250_000, 2)):
            _row(shape, make(n, m).snapshot, n, m, runs, lines, results)
            tables.append((shape, n, load(), *timed_table(make(n, m).snapshot)))
        ratios.append(f"{shape} {results[50_000] / results[5_000]:.1f}×")
    lines.append("")
    lines.append(
        "Metric table (all ten measures per actor, `/luecken/kennzahlen`) after the report: "
        + "; ".join(
            f"{shape} {n:,}: {wall:.2f} s wall clock, {cpu:.2f} s CPU (load {ld}), "
            f"cached {again:.2f} s"
            for shape, n, ld, wall, cpu, again in tables
        )
        + "."
    )
    lines.append("")
    lines.append(f"Ratio 50k/5k (10× the network): {', '.join(ratios)}.")
    if os.environ.get("NETZWERK_INSTANCE"):
        bulk_s, cold, warm = through_neo4j(planted(5_000, 25_000).snapshot)
        lines.append("")
        lines.append(
            f"Through Neo4j (instance `{os.environ['NETZWERK_INSTANCE']}`, planted 5,000 / "
            f"25,000, load avg {load()}): bulk load {bulk_s:.1f} s (setup, not part of the "
            f"report); snapshot load + report **{cold:.2f} s** cold, {warm:.3f} s warm "
            "(cached: fingerprint query + filter only)."
        )
        print(lines[-1], file=sys.stderr)
    write_section("gap_report", "\n".join(lines))


def _row(
    shape: str,
    snap: Snapshot,
    n: int,
    m: int,
    runs: int,
    lines: list[str],
    results: dict[int, float],
) -> None:
    """One table row: the report ``runs`` times on fresh graphs of ``snap``."""
    before = load()
    times, sel, cpu = [], [], []
    rep = None
    for _ in range(runs):
        s, t, c, rep = timed_report(snap)
        sel.append(s)
        times.append(t)
        cpu.append(c)
    assert rep is not None
    slow = sorted(((k, v) for k, v in rep.timings.items() if k != "total"), key=lambda kv: -kv[1])[
        :4
    ]
    results[n] = statistics.median(times)
    cpu_s = statistics.median(cpu)
    met = "met" if results[n] < TARGETS[n] else "**missed**"
    met_cpu = "met" if cpu_s < TARGETS[n] else "**missed**"
    brk = rep.brokers
    how = (
        "exact"
        if not brk.sampled
        else f"sampled: {brk.k:,} paths, ε {brk.error or 0:.4f}"
        + (" (capped)" if brk.capped else "")
    )
    lines.append(
        f"| {shape} | {n:,} / {m:,} (median of {runs}) | {before} | "
        f"{statistics.median(sel):.2f} s | **{results[n]:.2f} s** | {cpu_s:.2f} s | "
        f"< {TARGETS[n]:g} s: wall {met}, CPU {met_cpu} | {how} | "
        + ", ".join(f"{k} {v:.2f}" for k, v in slow)
        + " |"
    )
    print(lines[-1], file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
