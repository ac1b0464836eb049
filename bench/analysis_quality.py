"""Benchmark: are the analyses right at 5,000 and 50,000 actors, and how fast?

Run with ``.venv/bin/python -m bench analysis_quality`` (no database needed). On the
planted-community networks of :mod:`bench._planted` (groups of 20–200, 80 % of the links
inside, a few hubs) it compares, side by side in one run:

* **communities** against the planted groups (NMI, target ≥ 0.98): netzwerk's method
  (Leiden, modularity with the size-suited resolution) beside plain modularity (Leiden at
  γ = 1) and networkx's label propagation, the previous method above 2,000 actors;
* **brokers** against exact betweenness (top-20 agreement, target ≥ 18/20): netzwerk's
  estimate (KADABRA with ε from a pilot run) beside a sample of 240 start actors (the
  previous method's budget at 50,000 actors, Brandes–Pich), with the error bound the
  estimate states about itself and how many of its top 20 are within 5 % of the exact 20th
  value. Exact betweenness is computed once per network on all cores and cached in
  ``build/bench-cache/`` (:mod:`bench._reference`).

Writes its section of docs/PERFORMANCE.md.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx

from bench._planted import planted
from bench._reference import exact_betweenness
from bench._report import machine, write_section
from netzwerk.graph.analysis import _kernel, centrality, communities, cores, holes
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.filters import Filter

SIZES = ((5_000, 25_000), (50_000, 250_000))
SEED = 7
ESTIMATE_SEEDS = (42, 1, 2)
"""Seeds of the estimate's sampling order: 42 is the one the pages use."""


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def _nmi(truth: list[int], groups: list[set[Any]], nodes: list[Any]) -> float:
    where = {v: i for i, c in enumerate(groups) for v in c}
    return float(ig.compare_communities(truth, [where[v] for v in nodes], method="nmi"))


def _timed(fn: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def _top(values: dict[Any, float], k: int = 20) -> list[Any]:
    return sorted(values, key=lambda v: (-values[v], str(v)))[:k]


PREVIOUS_SOURCES = 240


def _fixed_sample(g: nx.Graph, k: int = PREVIOUS_SOURCES, seed: int = 42) -> dict[Any, float]:
    """The previous estimate: betweenness from a fixed number of random start actors."""
    ix = _kernel.indexed(g)
    sources = sorted(random.Random(seed).sample(range(ix.n), k))
    raw = ix.h.betweenness(sources=sources)
    return {v: raw[i] for i, v in enumerate(ix.nodes)}


KERNEL_SIZE = (1_000, 5_000)
"""networkx's constraint takes 11 s at 1,000 actors and minutes at 5,000 (it is cubic in
the degrees), so the side-by-side runs on a smaller planted network."""


def kernels() -> list[tuple[str, float, float]]:
    """networkx against the compiled kernels on the same (unfrozen, uncached) graph."""
    n, m = KERNEL_SIZE
    plain = snapshot.select(planted(n, m, seed=SEED).snapshot)
    rows = []

    def pair(label: str, reference: Any, ours: Any) -> None:
        _, ref_s = _timed(reference)
        _, our_s = _timed(ours)
        rows.append((label, ref_s, our_s))

    def igraph_sample() -> Any:
        ix = _kernel.indexed(plain)
        return ix.h.betweenness(sources=random.Random(1).sample(range(ix.n), 256))

    pair(
        "betweenness from 256 start actors",
        lambda: nx.betweenness_centrality(plain, k=256, seed=1),
        igraph_sample,
    )
    pair("core numbers", lambda: nx.core_number(plain), lambda: cores.core_number(plain))
    pair(
        "constraint + effective size",
        lambda: (nx.constraint(plain), nx.effective_size(plain)),
        lambda: holes.holes(plain),
    )
    pair(
        "communities (networkx Louvain vs Leiden)",
        lambda: nx.community.louvain_communities(plain, seed=42),
        lambda: communities.communities(plain),
    )
    return rows


def run_one(n: int, m: int) -> dict[str, Any]:
    p = planted(n, m, seed=SEED)
    g = nx.freeze(snapshot.select(p.snapshot, Filter(as_of=date(2026, 1, 1))))
    nodes = list(g)
    truth = [p.groups[v] for v in nodes]
    out: dict[str, Any] = {"n": n, "m": m, "groups": len(set(truth)), "load": load()}
    _kernel.indexed(g)  # the conversion to igraph is timed in bench/gap_report.py
    rows = []
    gamma = communities.default_resolution(g.number_of_edges())
    found, secs = _timed(lambda: communities.communities(g))
    rows.append((f"**netzwerk: Leiden, γ = {gamma:g}**", secs, _nmi(truth, found, nodes), found))
    found, secs = _timed(lambda: communities.communities(g, resolution=1.0))
    rows.append(("Leiden, plain modularity (γ = 1)", secs, _nmi(truth, found, nodes), found))
    found, secs = _timed(lambda: list(nx.community.label_propagation_communities(g)))
    rows.append(
        ("networkx label propagation (previous, > 2,000)", secs, _nmi(truth, found, nodes), found)
    )
    out["communities"] = [(label, secs, nmi, len(found)) for label, secs, nmi, found in rows]

    exact, secs = _timed(lambda: exact_betweenness(g, f"planted-{n}-{m}-seed{SEED}"))
    out["exact_seconds"] = secs
    exact_top = set(_top(exact))
    twentieth = exact[_top(exact)[-1]]
    out["ours"] = []
    for seed in ESTIMATE_SEEDS:
        est, secs = _timed(lambda seed=seed: centrality.betweenness_estimate(g, seed=seed))
        mine = _top(est.values)
        out["ours"].append(
            {
                "seed": seed,
                "seconds": secs,
                "samples": est.samples,
                "exact": est.exact,
                "stated": None if est.error is None else est.error / twentieth,
                "agree": len(exact_top & set(mine)),
                "near": sum(1 for v in mine if exact[str(v)] >= 0.95 * twentieth),
            }
        )
    old, secs = _timed(lambda: _fixed_sample(g))
    old_top = _top(old)
    out["old"] = {
        "seconds": secs,
        "agree": len(exact_top & set(old_top)),
        "near": sum(1 for v in old_top if exact[str(v)] >= 0.95 * twentieth),
    }
    ranked = sorted(exact.values(), reverse=True)
    out["gap"] = (ranked[17] - ranked[22]) / ranked[19] if ranked[19] else 0.0
    print(out["ours"], out["old"], file=sys.stderr, flush=True)
    return out


def main() -> None:
    results = [run_one(n, m) for n, m in SIZES]
    side_by_side = kernels()
    lines = [
        "## Analyses right at every size (`bench/analysis_quality.py`)",
        "",
        f"{machine()} · load average (1 min) before each size: "
        + ", ".join(f"{r['n']:,}: {r['load']}" for r in results),
        "",
        "Planted-community networks (`bench/_planted.py`, seed 7): groups of 20–200 actors,",
        "80 % of cooperations inside a group, 0.5 % hubs drawing 20× as many cooperations.",
        "",
        "### Communities against the planted groups (target NMI ≥ 0.98)",
        "",
        "| network | method | seconds | groups found | NMI |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        for label, secs, nmi, count in r["communities"]:
            lines.append(
                f"| {r['n']:,} / {r['m']:,} ({r['groups']} planted) | {label} | {secs:.2f} | "
                f"{count} | {nmi:.3f} |"
            )
    lines += [
        "",
        "### networkx against the compiled kernels (same graph, nothing cached)",
        "",
        "| network | computation | networkx | netzwerk (igraph) | ratio |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for label, ref_s, our_s in side_by_side:
        lines.append(
            f"| {KERNEL_SIZE[0]:,} / {KERNEL_SIZE[1]:,} | {label} | {ref_s:.2f} s | {our_s:.3f} s "
            f"| {ref_s / our_s:.0f}× |"
        )
    lines += [
        "",
        "### Brokers against exact betweenness (target: 18 of the exact top 20)",
        "",
        "| network | method | seconds | samples | top-20 agreement | stated ε (share of the "
        "exact 20th value) | of its top 20 within 5 % of the exact 20th |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        old = r["old"]
        for o in r["ours"]:
            method = "exact" if o["exact"] else f"KADABRA, seed {o['seed']}"
            stated = "exact" if o["stated"] is None else f"{o['stated']:.0%}"
            lines.append(
                f"| {r['n']:,} | **netzwerk: {method}** | {o['seconds']:.2f} | "
                f"{o['samples']:,} paths | **{o['agree']}/20** | {stated} | {o['near']}/20 |"
            )
        lines.append(
            f"| {r['n']:,} | {PREVIOUS_SOURCES} start actors (previous, Brandes–Pich) | "
            f"{old['seconds']:.2f} | {PREVIOUS_SOURCES} trees | {old['agree']}/20 | – | "
            f"{old['near']}/20 |"
        )
    lines += [
        "",
        "Exact betweenness (reference, computed once on all cores and cached): "
        + ", ".join(f"{r['n']:,}: {r['exact_seconds']:.0f} s" for r in results)
        + " (a cached reference reads in under a second). Spread of the exact values between "
        "rank 18 and rank 23, relative to rank 20: "
        + ", ".join(f"{r['n']:,}: {r['gap']:.1%}" for r in results)
        + ".",
    ]
    write_section("analysis_quality", "\n".join(lines))
    print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":
    main()
