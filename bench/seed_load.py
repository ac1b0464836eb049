"""Loading 10,000 actors and 30,000 cooperations: batched UNWIND vs one query per row.

Both variants load the same synthetic data into an emptied database of the benchmark
instance (``NETZWERK_INSTANCE=bench``, started by ``make bench``) and are timed end to end,
including validation in Python, so the ratio is what a user of `netzwerk seed` or an import
would feel.
"""

from __future__ import annotations

import random
import time
from datetime import date

from bench._report import machine, write_section
from netzwerk import graph
from netzwerk.graph.core import bulk
from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS
from netzwerk.graph.core.validation import validate_link, validate_node
from netzwerk.graph.core.values import canonical

ACTORS = 10_000
COOPERATIONS = 30_000


def synthetic(
    n_actors: int, n_coops: int, seed: int = 7
) -> tuple[list[graph.Actor], list[graph.Link]]:
    rnd = random.Random(seed)
    actors = [
        graph.Actor(
            id=f"bench-actor-{i:06d}",
            name=f"Einrichtung {i}",
            kind=rnd.choice(ACTOR_KINDS),
            town="Trier",
            postcode="54290",
        )
        for i in range(n_actors)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_coops:
        a, b = rnd.randrange(n_actors), rnd.randrange(n_actors)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    links = [
        graph.Link(
            type="COOPERATES_WITH",
            id=f"bench-coop-{k:06d}",
            from_id=f"bench-actor-{a:06d}",
            to_id=f"bench-actor-{b:06d}",
            kind=rnd.choice(COOPERATION_KINDS),
            intensity=rnd.randint(1, 3),
            since=date(2015 + rnd.randrange(10), 1 + rnd.randrange(12), 1),
        )
        for k, (a, b) in enumerate(sorted(pairs))
    ]
    return actors, links


def load_batched(store: graph.Store, actors: list[graph.Actor], links: list[graph.Link]) -> None:
    bulk.merge_nodes(store, actors)
    bulk.merge_links(store, links)


def load_per_row(store: graph.Store, actors: list[graph.Actor], links: list[graph.Link]) -> None:
    """The naive way: validate and send each row in its own query and transaction."""
    for actor in actors:
        actor = validate_node(actor)
        store.write("bulk/create_node", {"label": "Actor"}, id=actor.id, props=actor.properties())
    idents = {"type": "COOPERATES_WITH", "from": "Actor", "to": "Actor"}
    for link in links:
        link = canonical(validate_link(link))
        store.write(
            "bulk/create_link",
            idents,
            id=link.id,
            from_id=link.from_id,
            to_id=link.to_id,
            props=link.properties(),
        )


def timed(store: graph.Store, fn, actors, links) -> float:  # type: ignore[no-untyped-def]
    graph.wipe(store)
    started = time.perf_counter()
    fn(store, actors, links)
    elapsed = time.perf_counter() - started
    counts = graph.counts(store)
    assert counts.nodes["Actor"] == len(actors), counts
    assert counts.links["COOPERATES_WITH"] == len(links), counts
    return elapsed


def main() -> None:
    actors, links = synthetic(ACTORS, COOPERATIONS)
    rows = len(actors) + len(links)
    with graph.connect() as store:
        graph.apply_schema(store)
        if not graph.is_empty(store):
            graph.wipe(store)
        timed(store, load_batched, *synthetic(500, 1_500, seed=1))  # warm up caches and plans
        batched = timed(store, load_batched, actors, links)
        per_row = timed(store, load_per_row, actors, links)
        graph.wipe(store)
    table = f"""## Bulk load: batched `UNWIND` vs one query per row

Loading {ACTORS:,} synthetic actors and {COOPERATIONS:,} cooperations ({rows:,} rows) into an
empty local Neo4j 5.26 (benchmark `seed_load`, validation included).

| variant | time | rows/s |
| --- | ---: | ---: |
| batched (`UNWIND`, {bulk.BATCH_SIZE:,} rows per batch) | {batched:.1f} s | {rows / batched:,.0f} |
| one query per row | {per_row:.1f} s | {rows / per_row:,.0f} |
| **ratio** | **{per_row / batched:.1f}× faster batched** | |

Machine: {machine()}.
"""
    write_section("seed_load", table)
    print(table)


if __name__ == "__main__":
    main()
