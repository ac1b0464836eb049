"""Generate the "Bildungsregion Trier" demo data set from the tables in ``seed/data/``.

Why a generator instead of hand-written JSON: the demo has to show what netzwerk is for
(finding cooperation gaps), so the cooperation network must have a known, reproducible
structure -- isolated actors, leaves, separate components, bridges, coverage holes and weak
stage transitions (``data/gaps.toml``) -- on top of a realistic-looking background made by
preferential attachment with locality. Writing ~400 edges by hand would hide that intent; a
seeded generator keeps it explicit, reviewable and repeatable (one ``random.Random`` stream
seeded from ``data/dataset.toml``).

What the region consists of is data (``data/*.toml``: actors, profiles, regions,
vocabularies, alliances, projects, names, the planted gaps); how it is wired is the small
builder in ``builder/``, which takes kinds and vocabularies from :mod:`netzwerk.graph.core.model`
and checks the result with networkx before anything is written.

Everything about *persons* is invented: names are drawn from common first/last name lists,
e-mail domains end in ``.example`` and phone numbers are random. Organisations are real
public institutions of the region or plausible invented ones; all cooperations, memberships
and project roles are invented too.

Run from the repository root, with netzwerk installed (``make install``)::

    .venv/bin/python -m seed.generate             # rewrites seed/bildungsregion_trier/
    .venv/bin/python -m seed.generate --out DIR   # writes to DIR instead

It prints counts and the gap facts; ``tests/unit/test_seed_generator.py`` checks that the
shipped JSON is exactly what the tables generate.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from .builder import organisations
from .builder.actors import SeedActor, actor_lookup, build_actors, region_rows
from .builder.check import FILES, check, report
from .builder.cooperations import build_cooperations, coop_rows
from .builder.groups import build_alliances, build_projects
from .builder.persons import assign_contacts, build_office_staff, build_persons
from .builder.tables import DATA_DIR, Tables, load

OUT_DIR = Path(__file__).resolve().parent / "bildungsregion_trier"
SIZE_LIMIT = 1_000_000  # bytes of JSON in all: the demo loads in seconds, the wheel stays small


def build(tables: Tables) -> tuple[dict[str, Any], list[SeedActor]]:
    """All rows of the region, keyed by file stem, plus the actors' wiring facts.

    The order of the steps is the order of the draws from the one random stream; changing
    it changes the whole region.
    """
    rng = random.Random(tables.dataset["random_seed"])
    actors = build_actors(tables, rng)
    lookup = actor_lookup(actors)
    pairs = build_cooperations(actors, tables, rng)
    vocab = tables.vocabularies
    topic_ids = tables.ids("topics", "topic-")
    stage_ids = tables.ids("stages", "stage-")
    tg_ids = tables.ids("target_groups", "tg-")
    data: dict[str, Any] = {
        "topics": [
            {"id": topic_ids[t["key"]], "name": t["name"], "description": t["description"]}
            for t in vocab["topics"]
        ],
        "stages": [
            {"id": stage_ids[s["key"]], "name": s["name"], "order": s["order"]}
            for s in vocab["stages"]
        ],
        "target_groups": [
            {"id": tg_ids[t["key"]], "name": t["name"]} for t in vocab["target_groups"]
        ],
        "regions": region_rows(tables.regions),
        "actors": [a.row for a in actors],
        "cooperations": coop_rows(actors, pairs, tables, rng),
    }
    data["alliances"] = build_alliances(actors, lookup, tables, rng)
    data["projects"] = build_projects(actors, lookup, tables, rng)
    data["persons"] = build_persons(actors, tables.persons, rng)
    assign_contacts(data["persons"], data["alliances"], data["projects"], rng)
    # the office staff came later, with a stream of its own, so the rest stayed as it was
    office_rng = random.Random(tables.dataset["random_seed"] + 1)
    data["persons"] += build_office_staff(actors, data["persons"], tables.persons, office_rng)
    organisations.assign(data, tables.dataset["organisations"])
    return data, actors


def render(tables: Tables, data: dict[str, Any]) -> dict[str, str]:
    """The text of every JSON file, by file name.

    UTF-8, ``ensure_ascii=False``, ``indent=1``: diff-friendly and readable by humans.
    """
    meta = {
        "name": tables.dataset["name"],
        "_note": tables.dataset["note"],
        "generated_by": "seed/generate.py",
        "random_seed": tables.dataset["random_seed"],
    }
    payloads = [("meta", meta), *((key, data[key]) for key in FILES)]
    return {
        f"{name}.json": json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
        for name, payload in payloads
    }


def generate(out_dir: Path = OUT_DIR, data_dir: Path = DATA_DIR) -> list[str]:
    """Build, check and write the region; returns the report lines.

    Nothing is written when a check fails, so a broken table never replaces good JSON.
    """
    tables = load(data_dir)
    data, actors = build(tables)
    check(data, actors, tables)
    files = render(tables, data)
    size = sum(len(text.encode("utf-8")) for text in files.values())
    if size >= SIZE_LIMIT:
        raise ValueError(f"the demo region has grown to {size} bytes (limit {SIZE_LIMIT})")
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out_dir / name).write_text(text, encoding="utf-8")
    return [*report(data, actors, tables), f"wrote {len(files)} files, {size / 1024:.0f} KiB"]


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m seed.generate [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the JSON files")
    args = parser.parse_args(argv)
    print("\n".join(generate(args.out)))


if __name__ == "__main__":
    main()
