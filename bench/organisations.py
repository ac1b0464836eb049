"""Many offices on one instance: pages of one organisation at 40 × 2,000 actors.

A Land or a Transferagentur may host the networks of 40 Kommunen on one instance. Each
office sees the joint network but works on its own part, so the pages it opens every day
must not grow with the other 39: the start page, the actor and person lists (persons only
of the reader's office), an analysis under the organisation filter ("unsere Partner") and
the search. Target: under 1 s each, warm.

The dataset is :func:`bench._dataset.region` with every actor owned by one of the
organisations (consecutive blocks, persons with their actors' office) and cooperations
made per office instead of per town: mostly between partners of the same office (with
preferential attachment to hubs), 3 % across the border to another office. Loaded with
batched ``UNWIND`` (:mod:`netzwerk.graph.core.bulk`), reused when the database already
holds it. The app runs as ``netzwerk serve`` in its own process; one user of the first
organisation (editor) logs in through the form. Each page is requested once cold (the
first request after the server started: the network snapshot of every office is loaded
then) and then ``REPEAT`` times warm.

Run: ``NETZWERK_INSTANCE=bench-org .venv/bin/python -m bench organisations`` (40 × 2,000);
``… organisations --scale 4x500`` for a quick check (the section then says which size).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

from bench._dataset import Region, region
from bench._report import machine, median, percentile, write_section
from bench._server import free_port, running
from bench.load_pages import PASSWORD, Client
from netzwerk import graph
from netzwerk.graph.admin import users
from netzwerk.graph.core import bulk
from netzwerk.graph.core.model import COOPERATION_KINDS

ORGS, PER_ORG = 40, 2_000
COOPS_PER_ACTOR = 2.5
ACROSS_SHARE = 0.03
REPEAT = 5
TARGET_S = 1.0


def slug(k: int) -> str:
    return f"kommune-{k:02d}"


def dataset(orgs: int, per_org: int, seed: int = 17) -> tuple[Region, dict[str, str]]:
    """The region of ``orgs`` offices with ``per_org`` actors each, and id → owner."""
    data = region(orgs * per_org, 0, seed=seed)
    owner = {aid: slug(i // per_org) for i, aid in enumerate(data.actor_ids)}
    persons = [lk for lk in data.links if lk.type == "WORKS_AT"]
    owner.update({lk.from_id: owner[lk.to_id] for lk in persons})
    rnd = random.Random(seed)
    for k in range(orgs):
        block = data.actor_ids[k * per_org : (k + 1) * per_org]
        data.links += _cooperations(rnd, block, data.actor_ids, k, len(data.links))
    return data, owner


def _cooperations(
    rnd: random.Random, block: list[str], everyone: list[str], k: int, offset: int
) -> list[graph.Link]:
    """One office's cooperations: inside its block with preferential attachment, a few to
    an actor of another office."""
    ends = list(range(len(block)))  # every cooperation adds its ends: attachment by degree
    pairs: set[tuple[str, str]] = set()
    wanted = int(len(block) * COOPS_PER_ACTOR)
    while len(pairs) < wanted:
        i = rnd.randrange(len(block))
        if rnd.random() < ACROSS_SHARE and len(everyone) > len(block):
            other = rnd.choice(everyone)
            if other in block:
                continue
            pair = (block[i], other)
        else:
            j = rnd.choice(ends)
            if i == j:
                continue
            pair = (block[min(i, j)], block[max(i, j)])
            ends += [i, j]
        pairs.add(pair)
    return [
        graph.Link(
            type="COOPERATES_WITH",
            id=f"org-coop-{k:02d}-{n:06d}",
            from_id=a,
            to_id=b,
            kind=rnd.choice(COOPERATION_KINDS),
            intensity=rnd.randint(1, 3),
            since=date(2015 + rnd.randrange(10), 1 + rnd.randrange(12), 1),
        )
        for n, (a, b) in enumerate(sorted(pairs))
    ]


def load(store: graph.Store, data: Region, owner: dict[str, str], orgs: int) -> float | None:
    """Load the dataset with its owners (None: the database already held it)."""
    if _same(store, data):
        return None
    graph.wipe(store)
    graph.apply_schema(store)
    started = time.perf_counter()
    bulk.save_organisations(
        store,
        [
            {"id": f"organisation-{slug(k)}", "slug": slug(k), "name": f"Kommune {k:02d}"}
            for k in range(orgs)
        ],
    )
    owners = {i: (o, []) for i, o in owner.items()}
    bulk.merge_nodes(store, data.nodes, owners=owners)
    result = bulk.merge_links(store, data.links)
    assert not result.missing, result.missing[:5]
    return time.perf_counter() - started


def _same(store: graph.Store, data: Region) -> bool:
    counts = graph.counts(store)
    return counts.nodes.get("Actor") == data.count("Actor") and counts.links.get(
        "COOPERATES_WITH"
    ) == sum(1 for lk in data.links if lk.type == "COOPERATES_WITH")


def pages(org: str) -> list[tuple[str, str]]:
    return [
        ("Startseite `/`", "/"),
        ("Akteursliste `/akteure`", "/akteure"),
        ("Personenliste `/personen` (nur die eigenen)", "/personen"),
        (f"Lückenübersicht `/luecken?organisation={org}`", f"/luecken?organisation={org}"),
        (
            f"Netzwerkbild-Daten `/netzwerk/daten.json?organisation={org}`",
            f"/netzwerk/daten.json?organisation={org}",
        ),
        ("Suche `/suche?q=Grundschule`", "/suche?q=Grundschule"),
    ]


def measure(session: Client, path: str) -> tuple[float, list[float]]:
    """The cold request's seconds and the warm ones'."""
    times = []
    for _ in range(REPEAT + 1):
        started = time.perf_counter()
        status, body = session.request("GET", path)
        times.append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError(f"{path}: {status} {body[:300]}")
    return times[0], times[1:]


def parse_scale(argv: list[str]) -> tuple[int, int]:
    """``--scale ORGSxACTORS`` (default 40x2000)."""
    parser = argparse.ArgumentParser(prog="python -m bench organisations")
    parser.add_argument(
        "--scale", default=f"{ORGS}x{PER_ORG}", help="Organisationen x Akteure je Organisation"
    )
    args, _unknown = parser.parse_known_args(argv)
    try:
        orgs, per_org = (int(x) for x in args.scale.lower().split("x"))
    except ValueError:
        sys.exit(f"--scale {args.scale!r}: bitte ORGANISATIONENxAKTEURE, z. B. 4x500")
    if orgs < 2 or per_org < 10:
        sys.exit("--scale: mindestens 2 Organisationen mit je 10 Akteuren")
    return orgs, per_org


def main() -> None:
    orgs, per_org = parse_scale(sys.argv[1:])
    started = time.perf_counter()
    data, owner = dataset(orgs, per_org)
    org = slug(0)
    with graph.connect() as store:
        load_s = load(store, data, owner, orgs)
        counts = graph.counts(store)
        if users.find_user(store, "bench-org") is None:
            users.create_user(store, "bench-org", PASSWORD, role="editor", org=org)
    port = free_port()
    exe = Path(sys.executable).with_name("netzwerk")
    command = [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", "4"]
    rows = []
    with running(command, port):
        session = Client(port, "bench-org")
        for title, path in pages(org):
            cold, warm = measure(session, path)
            rows.append((title, cold, warm))
            print(f"{title}: cold {cold:.2f} s, warm p50 {median(warm):.3f} s", flush=True)
    total_s = time.perf_counter() - started
    table = [
        "| page (as an editor of one office) | cold s | warm p50 ms | warm max ms | under 1 s |",
        "| --- | ---: | ---: | ---: | :---: |",
    ]
    for title, cold, warm in rows:
        ok = "yes" if percentile(warm, 100) < TARGET_S else "**no**"
        table.append(
            f"| {title} | {cold:.2f} | {median(warm) * 1000:.0f} | {max(warm) * 1000:.0f} | {ok} |"
        )
    size = f"{orgs} × {per_org:,}"
    loaded = f"loaded in {load_s:.0f} s (batched UNWIND)" if load_s else "reused from the last run"
    dataset_line = ", ".join(f"{n:,} {label}" for label, n in counts.nodes.items() if n)
    text = f"""## Many offices: pages of one organisation at {size} actors (`organisations`)

{orgs} organisations with {per_org:,} actors each (persons with their actors' office),
{COOPS_PER_ACTOR} cooperations per actor, {ACROSS_SHARE:.0%} of them across the border. An
editor of one office logs in; each page is requested once cold (right after `netzwerk serve`
started: the snapshot of the whole network is read then) and {REPEAT} times warm. Target:
under {TARGET_S:.0f} s warm.

Dataset: {dataset_line}. {loaded}.

Machine: {machine()}. Whole benchmark: {total_s:.0f} s.

{chr(10).join(table)}
"""
    write_section("organisations", text)
    print(text)


if __name__ == "__main__":
    main()
