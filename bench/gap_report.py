"""Benchmark: the full gap report on synthetic networks of 5,000 and 50,000 actors.

Run with ``NETZWERK_INSTANCE=bench .venv/bin/python -m bench gap_report``. Graphs are
built directly as a :class:`netzwerk.graph.network.Snapshot` (no database), shaped like a
real education region: two areas with 12 parts each, cooperation mostly local with
preferential attachment (a few hubs), 3 % isolated actors. The 5,000-actor network is also
loaded through Neo4j once, to include load time. Writes its section of docs/PERFORMANCE.md.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from netzwerk.graph import network
from netzwerk.graph.analysis import report
from netzwerk.graph.network import Snapshot, Vocabulary

DOC = Path(__file__).resolve().parents[1] / "docs" / "PERFORMANCE.md"
START, END = "<!-- bench:gap_report:start -->", "<!-- bench:gap_report:end -->"
STAGES = [
    "frühkindlich",
    "Primarstufe",
    "Sekundarstufe I",
    "Sekundarstufe II",
    "Berufliche Bildung",
    "Hochschule",
    "Weiterbildung/Erwachsenenbildung",
]


def vocabulary() -> Vocabulary:
    v = Vocabulary()
    for i, s in enumerate(STAGES):
        v.stages[f"stage-{i}"] = s
        v.stage_order[f"stage-{i}"] = i + 1
    v.topics = {f"topic-{i}": f"Thema {i}" for i in range(12)}
    v.target_groups = {f"tg-{i}": f"Zielgruppe {i}" for i in range(10)}
    v.alliances = {f"alliance-{i}": f"Bündnis {i}" for i in range(8)}
    v.projects = {f"project-{i}": f"Projekt {i}" for i in range(12)}
    for area, kind, part_kind in (
        ("stadt", "Stadt", "Stadtteil"),
        ("kreis", "Landkreis", "Verbandsgemeinde"),
    ):
        v.regions[f"region-{area}"] = f"{kind} Bench"
        v.region_kind[f"region-{area}"] = kind
        for j in range(12):
            rid = f"region-{area}-{j}"
            v.regions[rid] = f"{part_kind} {j}"
            v.region_kind[rid] = part_kind
            v.region_parent[rid] = f"region-{area}"
    return v


def synthetic(n: int, m: int, seed: int = 7) -> Snapshot:
    rnd = random.Random(seed)
    v = vocabulary()
    parts = [r for r in v.region_parent]
    actors: list[dict[str, Any]] = []
    by_part: dict[str, list[str]] = {p: [] for p in parts}
    for i in range(n):
        aid = f"actor-{i:06d}"
        part = rnd.choice(parts)
        by_part[part].append(aid)
        s = rnd.randrange(7)
        actors.append(
            {
                "id": aid,
                "name": f"Akteur {i}",
                "short_name": "",
                "kind": rnd.choice(
                    ["Schule", "Kita", "Verein/Initiative", "Unternehmen", "Bibliothek"]
                ),
                "sponsorship": "",
                "town": "",
                "located_in": part,
                "active_in": [v.region_parent[part]] if rnd.random() < 0.03 else [],
                "topics": rnd.sample(list(v.topics), rnd.randint(1, 3)),
                "stages": [f"stage-{s}"]
                + ([f"stage-{min(s + 1, 6)}"] if rnd.random() < 0.3 else []),
                "target_groups": rnd.sample(list(v.target_groups), rnd.randint(1, 2)),
                "alliances": [
                    {"id": a, "role": "Mitglied", "since": None, "until": None}
                    for a in v.alliances
                    if rnd.random() < 0.03
                ],
                "projects": [
                    {"id": p, "role": "Partner", "since": None, "until": None}
                    for p in v.projects
                    if rnd.random() < 0.02
                ],
            }
        )
    linked = [a["id"] for a in actors if rnd.random() > 0.03]
    part_of = {a["id"]: a["located_in"] for a in actors}
    ends: list[str] = []  # endpoint list: picking from it is preferential attachment
    pairs: set[tuple[str, str]] = set()
    coops = []
    while len(coops) < m:
        a = rnd.choice(linked)
        r = rnd.random()
        if r < 0.55:
            b = rnd.choice(by_part[part_of[a]])
        elif r < 0.8 and ends:
            b = rnd.choice(ends)
        else:
            b = rnd.choice(linked)
        key = (min(a, b), max(a, b))
        if a == b or key in pairs:
            continue
        pairs.add(key)
        ends += [a, b]
        coops.append(
            {
                "id": f"coop-{len(coops):07d}",
                "a": key[0],
                "b": key[1],
                "kind": "Informationsaustausch",
                "intensity": 1,
                "since": date(2010 + rnd.randrange(16), 1 + rnd.randrange(12), 1),
                "until": None,
                "source": "",
            }
        )
    return Snapshot(actors=actors, cooperations=coops, vocabulary=v, fingerprint=(n, m, seed))


def timed_report(snap: Snapshot) -> tuple[float, float, report.GapReport]:
    t0 = time.perf_counter()
    g = network.select(snap, network.NetworkFilter(as_of=date(2026, 1, 1)))
    t1 = time.perf_counter()
    rep = report.gap_report(g)
    return t1 - t0, time.perf_counter() - t1, rep


def through_neo4j(snap: Snapshot) -> tuple[float, float, float]:
    """Load the synthetic network into the bench instance; time snapshot load + report."""
    from netzwerk import graph
    from netzwerk.graph import bulk
    from netzwerk.graph.analysis import source
    from netzwerk.graph.model import (
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
        network._cache.clear()
        t0 = time.perf_counter()
        data, _rep = source.report(store, network.NetworkFilter(as_of=date(2026, 1, 1)))
        cold = time.perf_counter() - t0
        assert data.graph.number_of_nodes() == len(snap.actors)
        t0 = time.perf_counter()
        source.report(store, network.NetworkFilter(as_of=date(2026, 1, 1)))
        warm = time.perf_counter() - t0
        graph.wipe(store)
    return bulk_s, cold, warm


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(
            next(
                x
                for x in Path("/proc/meminfo").read_text().splitlines()
                if x.startswith("MemTotal")
            ).split()[1]
        )
        ram = f"{mem / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        ram = "?"
    return f"{os.cpu_count()} CPUs (nproc), {ram} RAM, {cpu}, Python {platform.python_version()}"


def main() -> None:
    lines = [START, "## Gap report (`bench/gap_report.py`)", ""]
    lines.append(
        f"{date.today().isoformat()} · {machine()} · shared machine (other engineers' jobs ran too)"
    )
    lines.append("")
    lines.append("| network | select (filter) | full report | slowest analyses |")
    lines.append("| --- | ---: | ---: | --- |")
    results = {}
    for n, m, runs in ((5_000, 25_000, 3), (50_000, 250_000, 1)):
        snap = synthetic(n, m)
        times, sel = [], []
        rep = None
        for _ in range(runs):
            s, t, rep = timed_report(snap)
            sel.append(s)
            times.append(t)
        assert rep is not None
        slow = sorted(
            ((k, v) for k, v in rep.timings.items() if k != "total"), key=lambda kv: -kv[1]
        )[:4]
        results[n] = statistics.median(times)
        label = f"{n:,} actors / {m:,} cooperations" + (f" (median of {runs})" if runs > 1 else "")
        lines.append(
            f"| {label} | {statistics.median(sel):.2f} s | **{statistics.median(times):.2f} s** | "
            + ", ".join(f"{k} {v:.2f} s" for k, v in slow)
            + " |"
        )
        print(lines[-1], file=sys.stderr)
        notes = "; ".join(rep.notes)
    lines.append("")
    ratio = results[50_000] / results[5_000]
    lines.append(f"Ratio 50k/5k: {ratio:.1f}× for 10× the network. Method notes: {notes}")
    if os.environ.get("NETZWERK_INSTANCE"):
        bulk_s, cold, warm = through_neo4j(synthetic(5_000, 25_000))
        lines.append("")
        lines.append(
            f"Through Neo4j (instance `{os.environ['NETZWERK_INSTANCE']}`, 5,000 / 25,000): "
            f"bulk load {bulk_s:.1f} s "
            f"(setup, not part of the report); snapshot load + report **{cold:.2f} s** cold, "
            f"{warm:.3f} s warm (cached: fingerprint query + filter only)."
        )
        print(lines[-1], file=sys.stderr)
    lines += ["", "Target: 5,000 / 25,000 under 3 s; 50,000 / 250,000 completes.", END]
    section = "\n".join(lines)
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOC.write_text(text)


if __name__ == "__main__":
    main()
