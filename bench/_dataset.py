"""A synthetic education region for benchmarks that load pages, not just graphs.

``region(5_000, 25_000)`` gives every kind of record a page can show: actors in towns and
regions, working on topics, stages and target groups, members of alliances and projects,
persons working at them (most with consent, so contact exports have rows), and cooperations
that are mostly local with a few hubs (preferential attachment), as in a real district.
Deterministic (fixed seed), so runs are comparable; loaded with :mod:`netzwerk.graph.core.bulk`
(batched ``UNWIND``).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date

from netzwerk import graph
from netzwerk.graph.core import bulk
from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS

TOWNS = ["Trier", "Konz", "Saarburg", "Hermeskeil", "Schweich", "Ruwer", "Kell", "Welschbillig"]
STAGES = ["frühkindlich", "Primarstufe", "Sekundarstufe I", "Sekundarstufe II", "Weiterbildung"]


@dataclass
class Region:
    nodes: list[graph.Node] = field(default_factory=list)
    links: list[graph.Link] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)

    def count(self, label: str) -> int:
        return sum(1 for n in self.nodes if label == n.LABEL)


def region(n_actors: int, n_coops: int, n_persons: int | None = None, seed: int = 11) -> Region:
    """Records and links of a synthetic region (see module docstring)."""
    rnd = random.Random(seed)
    out = Region()
    n_persons = n_actors // 2 if n_persons is None else n_persons
    topics = [graph.Topic(id=f"load-topic-{i}", name=f"Thema {i}") for i in range(12)]
    stages = [graph.Stage(id=f"load-stage-{i}", name=s, order=i + 1) for i, s in enumerate(STAGES)]
    groups = [graph.TargetGroup(id=f"load-tg-{i}", name=f"Zielgruppe {i}") for i in range(8)]
    county = graph.Region(id="load-region-0", name="Landkreis Bench", kind="Landkreis")
    parts = [
        graph.Region(id=f"load-region-{i + 1}", name=f"Gemeinde {t}", kind="Verbandsgemeinde")
        for i, t in enumerate(TOWNS)
    ]
    alliances = [graph.Alliance(id=f"load-alliance-{i}", name=f"Bündnis {i}") for i in range(10)]
    projects = [graph.Project(id=f"load-project-{i}", name=f"Projekt {i}") for i in range(20)]
    out.nodes += [*topics, *stages, *groups, county, *parts, *alliances, *projects]
    out.links += [graph.Link(type="PART_OF", from_id=p.id, to_id=county.id) for p in parts] + [
        graph.Link(type="PART_OF", from_id=p.id, to_id=alliances[i % len(alliances)].id)
        for i, p in enumerate(projects)
    ]

    town_of: list[int] = []
    for i in range(n_actors):
        town = rnd.randrange(len(TOWNS))
        town_of.append(town)
        actor = graph.Actor(
            id=f"load-actor-{i:06d}",
            name=f"{rnd.choice(['Grundschule', 'Verein', 'Kita', 'Beratung', 'Bibliothek'])} {i}",
            kind=rnd.choice(ACTOR_KINDS),
            town=TOWNS[town],
            postcode=f"54{290 + town:03d}",
            street=f"Hauptstraße {i % 200 + 1}",
        )
        out.nodes.append(actor)
        out.actor_ids.append(actor.id)
        out.links.append(graph.Link(type="LOCATED_IN", from_id=actor.id, to_id=parts[town].id))
        for target, pool, k in (
            ("WORKS_ON", topics, 2),
            ("COVERS", stages, 1),
            ("SERVES", groups, 1),
        ):
            for item in rnd.sample(pool, k):
                out.links.append(graph.Link(type=target, from_id=actor.id, to_id=item.id))
        if rnd.random() < 0.2:
            out.links.append(
                graph.Link(type="MEMBER_OF", from_id=actor.id, to_id=rnd.choice(alliances).id)
            )
        if rnd.random() < 0.1:
            out.links.append(
                graph.Link(type="PARTICIPATES_IN", from_id=actor.id, to_id=rnd.choice(projects).id)
            )

    # Cooperations: 80 % inside the same town, with preferential attachment to hubs.
    by_town: dict[int, list[int]] = {}
    for i, town in enumerate(town_of):
        by_town.setdefault(town, []).append(i)
    weight = [1] * n_actors
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_coops:
        a = rnd.randrange(n_actors)
        if rnd.random() < 0.8:
            local = by_town[town_of[a]]
            b = rnd.choices(local, weights=[weight[x] for x in local], k=1)[0]
        else:
            b = rnd.randrange(n_actors)
        if a != b and (min(a, b), max(a, b)) not in pairs:
            pairs.add((min(a, b), max(a, b)))
            weight[a] += 1
            weight[b] += 1
    for k, (a, b) in enumerate(sorted(pairs)):
        out.links.append(
            graph.Link(
                type="COOPERATES_WITH",
                id=f"load-coop-{k:06d}",
                from_id=out.actor_ids[a],
                to_id=out.actor_ids[b],
                kind=rnd.choice(COOPERATION_KINDS),
                intensity=rnd.randint(1, 3),
                since=date(2015 + rnd.randrange(10), 1 + rnd.randrange(12), 1),
            )
        )

    for i in range(n_persons):
        consent = rnd.random() < 0.8
        person = graph.Person(
            id=f"load-person-{i:06d}",
            first_name=rnd.choice(["Anna", "Jonas", "Fatma", "Lukas", "Marie", "Piotr"]),
            last_name=f"Muster{i}",
            email=f"person{i}@example.org",
            phone=f"0651 {100000 + i}",
            consent_contact=consent,
            consent_contact_date=date(2024, 1, 1) if consent else None,
            consent_contact_source="Formular" if consent else "",
        )
        out.nodes.append(person)
        out.links.append(
            graph.Link(
                type="WORKS_AT",
                from_id=person.id,
                to_id=rnd.choice(out.actor_ids),
                function=rnd.choice(["Leitung", "Koordination", "Beratung", ""]),
            )
        )
    return out


def ensure_loaded(store: graph.Store, data: Region) -> float | None:
    """Load ``data`` unless the database already holds exactly it; returns the load time in
    seconds, or None when the existing data was reused (benchmarks stay within minutes)."""
    counts = graph.counts(store)
    same = (
        counts.nodes.get("Actor") == data.count("Actor")
        and counts.nodes.get("Person") == data.count("Person")
        and counts.links.get("COOPERATES_WITH")
        == sum(1 for lk in data.links if lk.type == "COOPERATES_WITH")
    )
    if same:
        return None
    graph.wipe(store)
    graph.apply_schema(store)
    started = time.perf_counter()
    bulk.merge_nodes(store, data.nodes)
    result = bulk.merge_links(store, data.links)
    assert not result.missing, result.missing[:5]
    return time.perf_counter() - started
