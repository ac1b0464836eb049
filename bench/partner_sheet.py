"""A 5,000-row partner sheet in one pass: read, dry run and commit, end to end.

The sheet is what offices keep (cp1252 CSV, ``;``): per row an organisation with address,
kind (written as offices write it: "VHS", "Grundschule", "Kindertagesstätte"), two topics
("MINT; Digitale Bildung"), an alliance with a role and a contact person with function,
e-mail and phone. Each row names about 5 records (actor, person, two topics, alliance) and
asks for 6 links (works at, contact person for, two topics, membership, and the seat its
postcode gives). It is imported into the demo region (Bildungsregion Trier), so matching,
value mapping and regions by postcode meet real lists.

Compared side by side in one run:

* netzwerk: read + dry run + one batched commit (history for every record and link end,
  folded into one stored entry per record and transaction);
* the same import again: everything found unchanged, nothing written;
* one transaction per row through the same write path (history included), measured on a
  sample of rows and extrapolated per row — what importing row by row would cost.

Run: ``NETZWERK_INSTANCE=bench python -m bench partner_sheet`` (wipes that instance).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import random
import statistics
import time

from bench._import import timed_import
from bench._report import machine, write_section
from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.admin import seed as seed_mod
from netzwerk.graph.core import bulk

ROWS = 5_000
SAMPLE = 100
RUNS = 3
"""Imports (each into a fresh demo region, each undone): the tables show the median."""
KINDS = ["VHS", "Grundschule", "Kindertagesstätte", "Verein", "Bücherei", "Beratung", "Schule"]
TOPICS = [
    "MINT",
    "Digitale Bildung",
    "Alphabetisierung",
    "Integration",
    "Inklusion",
    "Sprachförderung",
]
ALLIANCES = [
    "Trierer Bündnis für Alphabetisierung und Grundbildung",
    "MINT-Initiativkreis Trier",
    "Netzwerk Frühe Bildung Trier-Saarburg",
]
PLACES = [("54290", "Trier"), ("54292", "Trier"), ("54329", "Konz"), ("54439", "Saarburg")]
FIRST = ["Anna", "Jörg", "Emine", "Lukas", "Marie", "Özlem", "Paul", "Sophie"]


def sheet(rows: int = ROWS, seed: int = 5) -> bytes:
    rnd = random.Random(seed)
    lines = [
        "Name;Art;Straße;PLZ;Ort;E-Mail;Telefon;Themen;Bündnis;Rolle;Ansprechperson;Funktion;"
        "E-Mail Ansprechperson"
    ]
    for i in range(rows):
        postcode, town = rnd.choice(PLACES)
        topics = "; ".join(rnd.sample(TOPICS, 2))
        first = rnd.choice(FIRST)
        lines.append(
            f"Bildungspartner {i} {town};{rnd.choice(KINDS)};Schulstraße {i + 1};"
            f'{postcode};{town};info{i}@partner{i}.example;0651 {1000 + i};"{topics}";'
            f"{rnd.choice(ALLIANCES)};Mitglied;{first} Muster{i};Leitung;"
            f"{first.lower()}.muster{i}@partner{i}.example"
        )
    return "\r\n".join(lines).encode("cp1252")


def _plan(store: graph.Store, data: bytes) -> imports.ImportPlan:
    table = imports.read_table(data, "partner.csv")
    kind = imports.detect_kind(table.headers)
    return imports.dry_run(store, table, kind, imports.guess(table.headers, kind))


def _fresh(store: graph.Store) -> None:
    graph.wipe(store)
    graph.apply_schema(store)
    seed_mod.load(store)


def _per_row(store: graph.Store, plan: imports.ImportPlan) -> float:
    """Seconds per row when each row is its own transaction through the write path."""
    rows = [r.number for r in plan.results[:SAMPLE]]
    shared = {n.id for n, row in zip(plan.nodes, plan.node_rows, strict=True) if row == 0}
    t = time.perf_counter()
    for number in rows:
        one = dataclasses.replace(
            plan,
            nodes=[
                n
                for n, row in zip(plan.nodes, plan.node_rows, strict=True)
                if row == number or (row == 0 and n.id in shared)
            ],
            links=[lk for lk, row in zip(plan.links, plan.link_rows, strict=True) if row == number],
        )
        operations.commit_import(store, one, user="bench")
        shared = set()
    return (time.perf_counter() - t) / len(rows)


def _stored_entries(store: graph.Store, batch: str) -> int:
    """History nodes the commit stored (each lists the changes of one record)."""
    records, _, _ = store.driver.execute_query(
        "MATCH (c:Change {batch: $batch}) RETURN count(c) AS n",
        batch=batch,
        database_=store.database,
    )
    return int(records[0]["n"])


def main() -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    data = sheet()
    load_before = os.getloadavg()[0]
    runs: list[tuple[dict[str, float], float]] = []
    with graph.connect() as store:
        for i in range(RUNS):
            _fresh(store)
            plan, result, phase = timed_import(store, data, "partner.csv")
            assert plan.kind == "partners" and not plan.errors and not plan.reviews, plan.counts
            if i == 0:
                t = time.perf_counter()
                again = _plan(store, data)
                t_again = time.perf_counter() - t
                assert again.writes == 0, again.counts
                stored = _stored_entries(store, result.batch)
            t = time.perf_counter()
            undone = operations.undo_import(store, result.batch, user="bench")
            runs.append((phase, time.perf_counter() - t))
            assert undone.removed == result.created and not undone.kept, undone
        nodes = result.created + result.updated
        links = result.links_created + result.links_updated
        written = nodes + links

        _fresh(store)
        again = _plan(store, data)
        t = time.perf_counter()
        bulk.merge_nodes(store, again.nodes, validate=False)
        bulk.merge_links(store, again.links, validate=False)
        t_floor = time.perf_counter() - t

        _fresh(store)
        per_row = _per_row(store, _plan(store, data))
    load_after = os.getloadavg()[0]
    # The median run by its end-to-end time, with its phases (a single run now and then
    # takes twice as long on the server; the three are listed).
    runs.sort(key=lambda run: sum(run[0].values()))
    phase = runs[len(runs) // 2][0]
    t_undo = statistics.median(u for _, u in runs)
    total = sum(phase.values())
    commit = phase["commit"]
    each = ", ".join(f"{sum(p.values()):.2f} s" for p, _ in runs)
    each_undo = ", ".join(f"{u:.2f} s" for _, u in sorted(runs, key=lambda run: run[1]))
    baseline = per_row * ROWS
    ok = {True: "✔", False: "✘"}
    rate = written / commit
    steps = [
        ("read (cp1252 CSV) + detect + map", phase["read"]),
        ("dry run (match, value mapping, regions, links checked)", phase["dry_run"]),
        ("commit (records, links, history)", commit),
        ("**whole sheet, end to end**", total),
        ("re-import of the same sheet (read + dry run; nothing to write)", t_again),
        ("undo of the whole import as one step (records, links, their history)", t_undo),
        ("floor: the same records and links bulk-loaded without history (`graph.bulk`)", t_floor),
        (
            f"one transaction per row through the same write path ({SAMPLE} rows measured, "
            f"{per_row * 1000:.0f} ms/row, extrapolated)",
            baseline,
        ),
    ]
    table = "\n".join(f"| {name} | {t:.2f} s | {ROWS / t:,.0f} |" for name, t in steps)
    md = f"""
## Partner sheet in one pass (`bench/partner_sheet.py`)

Machine: {machine()}; load average {load_before:.1f} before, {load_after:.1f} after the run
(2 shared cores: Neo4j and the import compete for them; compare the ratios).

A cp1252 partner list of {ROWS:,} rows (13 columns: organisation, address, kind as offices
write it, two topics in one cell, alliance with role, contact person with function and
e-mail) imported into the demo region. Each row names about 5 records (actor, person, two
topics, alliance) and asks for 6 links (arbeitet bei, Ansprechperson für, two topics,
membership, seat from the postcode). The commit wrote {result.created:,} records and
{result.links_created:,} links, each with its history (one entry per record and per link
end: {result.created + 2 * result.links_created:,} entries, stored folded as {stored:,} history
nodes, one per record and transaction).

| step | time | rows/s |
| --- | ---: | ---: |
{table}

The import and its undo ran {RUNS} times, each into a fresh demo region: the table shows
the median run (end to end: {each}; undo: {each_undo}).

Committed: {rate:,.0f} records and links per second ({nodes / commit:,.0f} records/s
alone), in {result.transactions} transactions. Batched is **{baseline / total:.0f}×** faster
end to end than one transaction per row. Writing the same records and links without any
history (the floor, {t_floor:.2f} s) shows what the history costs: the commit takes
{commit / t_floor:.1f}× as long.

Targets: ≥ 10,000 records and links per second committed {ok[rate >= 10_000]};
whole sheet under 5 s {ok[total < 5]}; with the changeset journal no slower than 1.2 × the
8.3 s measured before it (≤ 9.96 s) {ok[total <= 9.96]}; its undo under 10 s {ok[t_undo < 10]}.

Where the time goes, plainly: the dry run is cheap (matching 10,000 names against the
stored ones through the similarity engine's blocks, value mapping, regions by postcode).
The commit is database-bound: even the floor — the same 40,000 records and links written
with batched `UNWIND` and nothing else — takes {t_floor:.1f} s here, and the write path adds
what it must: the history (one stored `Change` per record and transaction, listing its field
and link changes, instead of one per record and per link end: {stored:,} nodes instead of
{result.created + 2 * result.links_created:,}), the reads of the current state, the journal,
and transactions of 2,500 (a 5,000-row sheet in one transaction exceeds Neo4j's default
transaction memory and fails). The links are applied a block of rows at a time, all their
types together, so each record's history entry is written once and extended once by its
links, not once per link type. The undo works a block of connected records at a time (a
person, their organisation, its links; hubs such as a topic are split across blocks), so
it writes one history entry per record too, deletes what nobody changed since in one
statement per batch and compares only the rest field by field.
"""
    write_section("partner_sheet", md)
    print(md)


if __name__ == "__main__":
    main()
