"""Alliances and projects: their rows, and who is a member or takes part since when.

The fixed members and partners come from the tables; the rest is drawn from the actors a
:class:`~.tables.Draw` admits, so an alliance of the city's literacy providers is made of
actors of the city that work on literacy, and not of a random sample.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .actors import Row, SeedActor, random_date
from .tables import Draw, Group, Tables

COORDINATION = "Koordination"
TRAEGER, FOERDERER, PARTNER = "Träger", "Förderer", "Partner"
JOIN_YEARS = 8  # members join within this many years of the founding
LEFT_SHARE = 0.06  # of the members who joined before LEFT_BEFORE have left again
LEFT_BEFORE = date(2022, 1, 1)
LEFT_BY = date(2024, 12, 31)
LATE_SHARE = 0.3  # of a project's partners joined after its start


def admits(draw: Draw, a: SeedActor) -> bool:
    """Whether ``a`` meets every condition of ``draw`` (and one of its ``any_of``)."""
    checks = (
        not draw.side or a.side == draw.side,
        not draw.located or a.area == draw.located,
        not draw.vg or a.vg == draw.vg,
        not draw.kinds or a.spec.kind in draw.kinds,
        not draw.profiles or a.spec.profile in draw.profiles,
        not draw.topics or bool(set(a.topics) & set(draw.topics)),
        not draw.stages or bool(set(a.stages) & set(draw.stages)),
        not draw.any_of or any(admits(sub, a) for sub in draw.any_of),
    )
    return all(checks)


def group_fields(g: Group, tables: Tables) -> Row:
    """Vocabulary links and regions of an alliance or project, as ids."""
    topic_ids = tables.ids("topics", "topic-")
    stage_ids = tables.ids("stages", "stage-")
    tg_ids = tables.ids("target_groups", "tg-")
    return {
        "topics": [topic_ids[t] for t in g.topics],
        "stages": [stage_ids[s] for s in g.stages],
        "target_groups": [tg_ids[t] for t in g.target_groups],
        "active_in": g.active_in,
    }


def link_row(a: SeedActor, role: str, since: date, until: date | None) -> Row:
    """A membership or participation as written in the JSON."""
    return {
        "actor": a.id,
        "role": role,
        "since": since.isoformat(),
        "until": until.isoformat() if until else None,
    }


def build_alliances(
    actors: list[SeedActor], lookup: dict[str, SeedActor], tables: Tables, rng: random.Random
) -> list[Row]:
    """Memberships: coordinators, fixed members, then members drawn by the alliance rule."""
    today = tables.today
    roles, role_weights = list(tables.member_roles), list(tables.member_roles.values())
    rows: list[Row] = []
    for d in tables.alliances:
        founded = d.founded
        joined_by = min(today, founded.replace(year=min(founded.year + JOIN_YEARS, today.year)))
        members = [
            link_row(a, COORDINATION, a.not_before(founded), None)
            for a in (lookup[k] for k in d.coordinators)
        ]
        chosen = [m["actor"] for m in members]
        pool = [lookup[k] for k in d.members]
        taken = set(chosen) | {a.id for a in pool}
        extra = [a for a in actors if admits(d.draw, a) and a.id not in taken]
        rng.shuffle(extra)
        pool += extra[: max(0, d.size - len(chosen) - len(pool))]
        for a in pool:
            role = rng.choices(roles, weights=role_weights, k=1)[0]
            since = a.not_before(random_date(rng, founded, joined_by))
            until = None
            if rng.random() < LEFT_SHARE and since < LEFT_BEFORE:
                until = random_date(rng, since + timedelta(days=365), LEFT_BY)
            members.append(link_row(a, role, since, until))
        rows.append(
            {
                "id": "alliance-" + d.key,
                "name": d.name,
                "short_name": d.short,
                "description": d.description,
                "founded": founded.isoformat(),
                **group_fields(d, tables),
                "members": members,
            }
        )
    return rows


def build_projects(
    actors: list[SeedActor], lookup: dict[str, SeedActor], tables: Tables, rng: random.Random
) -> list[Row]:
    """Participants: 1-2 Träger, optional Förderer, fixed and rule-drawn partners."""
    today = tables.today
    rows: list[Row] = []
    for d in tables.projects:
        finished = d.status == "abgeschlossen"
        # (actor, role, may join after the start)
        wanted: list[tuple[SeedActor, str, bool]] = [(lookup[k], TRAEGER, False) for k in d.traeger]
        wanted += [(lookup[k], FOERDERER, False) for k in d.foerderer]
        wanted += [(lookup[k], PARTNER, True) for k in d.partners]
        if d.draw is not None:
            taken = {a.id for a, _r, _l in wanted}
            cands = [a for a in actors if admits(d.draw, a) and a.id not in taken]
            rng.shuffle(cands)
            wanted += [(a, PARTNER, True) for a in cands[: d.draw.count]]
        parts: list[Row] = []
        seen: set[str] = set()
        for a, role, late in wanted:
            if a.id in seen:
                continue
            seen.add(a.id)
            since = d.start
            if late and rng.random() < LATE_SHARE and d.start < today:
                horizon = min(d.end or today, today) - timedelta(days=60)
                if horizon > d.start:
                    since = random_date(rng, d.start, horizon)
            parts.append(link_row(a, role, a.not_before(since), d.end if finished else None))
        rows.append(
            {
                "id": "project-" + d.key,
                "name": d.name,
                "description": d.description,
                "start": d.start.isoformat(),
                "end": d.end.isoformat() if d.end else None,
                "funding_programme": d.funding_programme,
                "status": d.status,
                "part_of": d.part_of,
                **group_fields(d, tables),
                "participants": parts,
            }
        )
    return rows
