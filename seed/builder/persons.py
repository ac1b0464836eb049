"""Contact persons (all fictional): who works where, with which consent, contact for what.

Names are drawn from lists of common names and never repeat; e-mail addresses use the
actor's ``.example`` domain, phone numbers extend the actor's. Consent dates never precede
the start of the job, because consent is collected from someone already in the role.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from .actors import Row, SeedActor, random_date, slugify
from .groups import COORDINATION, TRAEGER

PUBLIC_TASK, CONSENT = "öffentliche Aufgabe", "Einwilligung"  # the model's LEGAL_BASES
NEWSLETTER_SHARE, CONTACT_SHARE = 0.6, 0.85  # of the persons who consented
CONSENT_FROM, CONSENT_UNTIL = date(2019, 1, 1), date(2025, 10, 15)
SECOND_JOB_ENDED_SHARE = 0.35


def person_count(a: SeedActor, rng: random.Random) -> int:
    """How many contacts an office keeps for an actor: more for big partners."""
    if a.spec.profile == "office":
        return 6
    if a.weight >= 5:
        return 3
    if a.weight >= 2.5:
        return rng.choice([2, 2, 3])
    return rng.choice([1, 1, 1, 1, 2])


def consent(
    rng: random.Random, p: float, sources: list[str], earliest: date
) -> tuple[bool, str | None, str]:
    """Random consent with a plausible date and provenance (or none).

    The date never precedes ``earliest`` (the start of the job); a source of a year (a
    meeting's sign-up sheet) moves the day into that year.
    """
    if rng.random() >= p:
        return False, None, ""
    day = random_date(rng, max(CONSENT_FROM, earliest), CONSENT_UNTIL)
    source = rng.choice(sources)
    if "{date}" in source:
        source = source.replace("{date}", f"{day:%d.%m.%Y}")
    else:
        for year in range(2022, 2026):
            if str(year) in source and day.year != year:
                day = random_date(rng, date(year, 1, 15), date(year, 11, 30))
    return True, day.isoformat(), source


class Namer:
    """Draws first/last name pairs that no other person of the region has."""

    def __init__(self, names: dict[str, Any], rng: random.Random, used: set[tuple[str, str]]):
        self.first, self.last = names["first_names"], names["last_names"]
        self.rng = rng
        self.used = used

    def __call__(self) -> tuple[str, str]:
        while True:
            pair = self.rng.choice(self.first), self.rng.choice(self.last)
            if pair not in self.used:
                self.used.add(pair)
                return pair


def person_row(
    n: int, a: SeedActor, first: str, last: str, function: str, ext: int, since: date
) -> Row:
    """A person working at ``a`` since ``since``; no title, note or consent yet."""
    domain = a.row["website"].removeprefix("https://www.")
    return {
        "id": f"person-{n:04d}",
        "title": "",
        "first_name": first,
        "last_name": last,
        "function": function,
        "email": f"{slugify(first)}.{slugify(last)}@{domain}",
        "phone": f"{a.row['phone'].removesuffix('-0')}-{ext}",
        "notes": "",
        "consent_newsletter": False,
        "consent_newsletter_date": None,
        "consent_newsletter_source": "",
        "consent_contact": False,
        "consent_contact_date": None,
        "consent_contact_source": "",
        "legal_basis": PUBLIC_TASK,
        "works_at": [
            {"actor": a.id, "function": function, "since": since.isoformat(), "until": None}
        ],
        "contact_for": [],
    }


def draw_consent(row: Row, names: dict[str, Any], rng: random.Random, since: date) -> None:
    """Draw both consents of a person (newsletter, contact) into ``row``."""
    for purpose, share in (("newsletter", NEWSLETTER_SHARE), ("contact", CONTACT_SHARE)):
        given, day, source = consent(rng, share, names[f"{purpose}_sources"], since)
        row[f"consent_{purpose}"] = given
        row[f"consent_{purpose}_date"] = day
        row[f"consent_{purpose}_source"] = source


def build_persons(actors: list[SeedActor], names: dict[str, Any], rng: random.Random) -> list[Row]:
    """Invent the contact persons of every actor, then give a few of them a second job."""
    rows: list[Row] = []
    namer = Namer(names, rng, set())
    titles = names["university_titles"]
    for a in actors:
        office = a.spec.profile == "office"
        functions = names["office_functions"] if office else names["functions"][a.spec.kind]
        exts = rng.sample(range(10, 90), 8)
        for i in range(person_count(a, rng)):
            first, last = namer()
            title = ""
            if a.spec.kind == "Hochschule":
                title = rng.choices(list(titles), weights=list(titles.values()), k=1)[0]
            elif rng.random() < 0.05:
                title = "Dr."
            function = functions[0] if i == 0 else rng.choice(functions[1:])
            since = a.not_before(random_date(rng, date(2006, 1, 1), date(2025, 3, 31)))
            row = person_row(len(rows) + 1, a, first, last, function, exts[i], since)
            draw_consent(row, names, rng, since)
            public = a.spec.sponsorship == "öffentlich" and rng.random() < 0.8
            row["legal_basis"] = PUBLIC_TASK if public else CONSENT
            row["title"] = title
            row["notes"] = rng.choice(names["notes"])
            rows.append(row)
    add_second_jobs(rows, actors, names["second_jobs"], rng)
    return rows


def add_second_jobs(
    rows: list[Row], actors: list[SeedActor], jobs: dict[str, Any], rng: random.Random
) -> None:
    """A few people wear two hats (e.g. teacher and club chair), in the same area."""
    by_id = {a.id: a for a in actors}
    functions = jobs["functions"]
    hosts = [a for a in actors if a.spec.kind in functions]
    for p in rng.sample(rows, jobs["count"]):
        home = by_id[p["works_at"][0]["actor"]]
        host = rng.choice([h for h in hosts if h.id != home.id and h.area == home.area])
        since = random_date(rng, date(2014, 1, 1), date(2024, 12, 31))
        until = None
        if rng.random() < SECOND_JOB_ENDED_SHARE:
            until = random_date(rng, since + timedelta(days=200), date(2025, 9, 30))
        p["works_at"].append(
            {
                "actor": host.id,
                "function": functions[host.spec.kind],
                "since": since.isoformat(),
                "until": until.isoformat() if until else None,
            }
        )


def build_office_staff(
    actors: list[SeedActor], persons: list[Row], names: dict[str, Any], rng: random.Random
) -> list[Row]:
    """More colleagues per education office (assistance, clerical work).

    Added after everything else with a random generator of their own, so the rest of the
    demo region stayed exactly as before; the offices are the partners a network manager
    knows best, so they also have the most contacts.
    """
    namer = Namer(names, rng, {(p["first_name"], p["last_name"]) for p in persons})
    rows: list[Row] = []
    for a in actors:
        if a.spec.profile != "office":
            continue
        for staff in names["office_staff"]:
            first, last = namer()
            since = a.not_before(random_date(rng, date(2015, 1, 1), date(2025, 3, 31)))
            n = len(persons) + len(rows) + 1
            row = person_row(n, a, first, last, staff["function"], staff["extension"], since)
            draw_consent(row, names, rng, since)
            rows.append(row)
    return rows


def assign_contacts(  # noqa: C901 (complexity 15: lower, never raise)
    persons: list[Row], alliances: list[Row], projects: list[Row], rng: random.Random
) -> None:
    """CONTACT_FOR links: coordinators for alliances, project leads, main contacts."""
    staff: dict[str, list[Row]] = defaultdict(list)
    for p in persons:
        staff[p["works_at"][0]["actor"]].append(p)

    def link(p: Row, target: str, role: str) -> None:
        if not any(c["target"] == target for c in p["contact_for"]):
            p["contact_for"].append({"target": target, "role": role})

    for al in alliances:
        for m in al["members"]:
            people = staff[m["actor"]]
            if m["role"] == COORDINATION and people:
                link(people[min(1, len(people) - 1)], al["id"], COORDINATION)
        others = [m for m in al["members"] if m["role"] != COORDINATION and staff[m["actor"]]]
        for m in rng.sample(others, min(2, len(others))):
            link(staff[m["actor"]][0], al["id"], "Ansprechperson")
    for pr in projects:
        for part in pr["participants"]:
            people = staff[part["actor"]]
            if not people:
                continue
            if part["role"] == TRAEGER:
                link(people[-1], pr["id"], "Projektleitung")
            elif rng.random() < 0.4:
                link(people[0], pr["id"], "Ansprechperson")
    for actor_id, people in sorted(staff.items()):
        if rng.random() < 0.25:
            link(people[0], actor_id, "Hauptansprechperson")
