"""Regions and actors: the places of the demo region and the actors placed in them.

An actor's row gets its id, address, website, e-mail, phone and vocabulary links here; the
facts the later wiring needs (which side of the city/district border it is on, its
Verbandsgemeinde, its hub weight) stay beside the row in a :class:`SeedActor`.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .tables import ActorSpec, Tables

Row = dict[str, Any]

# A quarter of the schools work on digital education on top of their profile (DigitalPakt).
SCHOOL_DIGITAL_SHARE = 0.25

TRANSLIT = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ı": "i",
        "ł": "l",
    }
)


def slugify(text: str) -> str:
    """ASCII slug for ids, domains and e-mail local parts (umlauts spelled out).

    >>> slugify("Kürenz – Kita St. Paulin")
    'kuerenz-kita-st-paulin'
    """
    text = unicodedata.normalize("NFKD", text.translate(TRANSLIT))
    text = text.encode("ascii", "ignore").decode().lower()
    out = "".join(ch if ch.isalnum() else "-" for ch in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def random_date(rng: random.Random, start: date, end: date) -> date:
    """Uniform random day in [start, end]."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


@dataclass(frozen=True)
class Place:
    """Where an actor of a given ``where`` is: region, side of the border, address pool."""

    region: str
    area: str  # "stadt" or "kreis"
    vg: str  # slug of the Stadtteil or the Verbandsgemeinde
    town: str
    postcode: str
    streets: list[str]
    phone_code: str


def places(regions: dict[str, Any]) -> dict[str, Place]:
    """Every possible ``where`` of an actor: the Stadtteile by slug, the district's towns."""
    stadt, kreis = regions["stadt"], regions["kreis"]
    out = {
        part["slug"]: Place(
            stadt["part_prefix"] + part["slug"],
            "stadt",
            part["slug"],
            stadt["town"],
            part["postcode"],
            part["streets"],
            stadt["phone_code"],
        )
        for part in stadt["parts"]
    }
    for town, t in kreis["towns"].items():
        out[town] = Place(
            kreis["part_prefix"] + t["vg"],
            "kreis",
            t["vg"],
            town,
            t["postcode"],
            kreis["streets"],
            t["phone_code"],
        )
    return out


def region_rows(regions: dict[str, Any]) -> list[Row]:
    """Region tree: Bildungsregion > Stadt/Landkreis > Stadtteil/VG (parents first)."""
    top = regions["region"]
    rows: list[Row] = [{"id": top["id"], "name": top["name"], "kind": top["kind"], "part_of": None}]
    for side in ("stadt", "kreis"):
        r = regions[side]
        row = {"id": r["id"], "name": r["name"], "kind": r["kind"], "part_of": top["id"]}
        rows.append(row | ({"ags": r["ags"]} if "ags" in r else {}))
    for side in ("stadt", "kreis"):
        r = regions[side]
        rows += [
            {
                "id": r["part_prefix"] + part["slug"],
                "name": part["name"],
                "kind": r["part_kind"],
                "part_of": r["id"],
            }
            | ({"ags": part["ags"]} if "ags" in part else {})
            for part in r["parts"]
        ]
    return rows


@dataclass
class SeedActor:
    """A resolved actor: its JSON row plus the facts the generator needs for wiring."""

    id: str
    spec: ActorSpec
    row: Row
    area: str  # "stadt" or "kreis" by location
    scope: str  # "stadt", "kreis", "region" or "local" by responsibility
    vg: str  # Verbandsgemeinde or Stadtteil slug
    weight: float
    topics: list[str]
    stages: list[str]

    @property
    def side(self) -> str:
        """The side of the city/district border the actor belongs to.

        A district body with its seat in Trier counts for the district.
        """
        return "kreis" if "kreis" in (self.area, self.scope) else "stadt"

    def not_before(self, day: date) -> date:
        """``day``, moved forward to the actor's first day if it did not exist yet."""
        first = self.spec.exists_since
        return max(day, first) if first else day


def short_name(name: str, abbreviations: list[list[str]]) -> str:
    """Derive a short name the way offices abbreviate in their lists."""
    short = name
    for long, abbr in abbreviations:
        short = short.replace(long, abbr)
    return short.strip()


def build_actors(tables: Tables, rng: random.Random) -> list[SeedActor]:
    """Resolve the actor table into rows with ids, addresses and vocabulary links."""
    where = places(tables.regions)
    topic_ids = tables.ids("topics", "topic-")
    stage_ids = tables.ids("stages", "stage-")
    tg_ids = tables.ids("target_groups", "tg-")
    actors: list[SeedActor] = []
    used_domains: set[str] = set()
    used_phones: set[str] = set()
    counter = 0
    for spec in tables.actors:
        if spec.key:
            aid = "actor-" + spec.key
        else:
            counter += 1
            aid = f"actor-{counter:04d}"
        place = where[spec.where]
        street = spec.street or f"{rng.choice(place.streets)} {rng.randint(1, 60)}"
        short = spec.short or short_name(spec.name, tables.abbreviations)
        domain = slugify(short)
        if place.area == "kreis" and slugify(place.town) not in domain:
            domain += "-" + slugify(place.town)
        elif place.area == "stadt" and "trier" not in domain:
            domain += "-trier"
        while domain in used_domains:
            domain += "-" + str(rng.randint(2, 9))
        used_domains.add(domain)
        phone = ""
        while not phone or phone in used_phones:
            digits = 5 if place.phone_code == "0651" else 4
            phone = f"{place.phone_code} {rng.randint(10 ** (digits - 1), 10**digits - 1)}-0"
        used_phones.add(phone)

        profile = tables.profiles[spec.profile]
        topics = list(profile.topics)
        extra = profile.extra_topics
        for t in rng.sample(extra, k=min(len(extra), rng.choice([0, 1, 1, 2]))):
            if t not in topics:
                topics.append(t)
        if (
            spec.kind == "Schule"
            and rng.random() < SCHOOL_DIGITAL_SHARE
            and "digital" not in topics
        ):
            topics.append("digital")

        scope = spec.scope or profile.scope
        if scope in ("stadt", "kreis", "region"):
            active_in = [tables.regions[scope]["id"]]
        elif profile.city_wide and place.area == "stadt":
            active_in = [place.region, tables.regions["stadt"]["id"]]
        else:
            active_in = [place.region]
        row: Row = {
            "id": aid,
            "name": spec.name,
            "short_name": short,
            "kind": spec.kind,
            "sponsorship": spec.sponsorship,
            "street": street,
            "postcode": spec.postcode or place.postcode,
            "town": place.town,
            "website": f"https://www.{domain}.example",
            "email": f"info@{domain}.example",
            "phone": phone,
            "notes": spec.notes,
            "located_in": place.region,
            "active_in": active_in,
            "topics": [topic_ids[t] for t in topics],
            "stages": [stage_ids[s] for s in profile.stages],
            "target_groups": [tg_ids[t] for t in profile.target_groups],
        }
        actors.append(
            SeedActor(
                aid,
                spec,
                row,
                place.area,
                scope,
                place.vg,
                profile.hub_weight,
                topics,
                list(profile.stages),
            )
        )
    return actors


def actor_lookup(actors: list[SeedActor]) -> dict[str, SeedActor]:
    """Actors by key and by full name, as alliances and projects refer to them."""
    lookup: dict[str, SeedActor] = {}
    for a in actors:
        for ref in (a.spec.key, a.spec.name):
            if ref and lookup.setdefault(ref, a) is not a:
                raise ValueError(f"actors.toml: {ref!r} names two actors")
    return lookup
