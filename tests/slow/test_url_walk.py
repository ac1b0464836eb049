"""The generic walk: every route of ``app.url_map`` × every role × hostile values in every
path and query parameter (so that the suite finds the next such defect).

Nothing here lists routes: a new route is walked as soon as it exists, with its path
parameters filled from the seeded graph by name (unknown names get a seeded id) and then
replaced by hostile values one at a time. The role a route needs comes from its
``@require_role``, so the walk knows which roles are refused and which get through.

Promises checked for every request:

* never a server error (5xx);
* a refused request (4xx, or an anonymous one sent to the login page) changes no stored
  data (checksum over all nodes and relationships, bookkeeping fields aside);
* no personal data a role may not read: anonymous visitors see no person at all, viewers
  without the contacts grant none of the fields :mod:`netzwerk.graph.records.visibility` hides;
* no unescaped markup in HTML.

Values: 64-bit integer edges, negatives, NaN/inf/1e309, 10 kB strings, broken UTF-8 and
the shared hostile corpus (every second string; ``test_hostile_inputs`` sends all of it).
Every role sends the valid URL of every route. The roles a route lets in reach the same
parsing, so they share its values: each value reaches each GET route once (every second
value each other method), sent by one of them in turn; a role refused before parsing gets a
rotating eighth (sixteenth). The turns rotate from route to route, so across routes every
value meets every role. The full corpus on every page's parameters is ``test_hostile_inputs``.
The walk runs in parts of every fourth route (``SHARDS``), each printing its request count
and findings; docs/SECURITY.md quotes their sum.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import cycle
from typing import Any
from urllib.parse import quote

import pytest
from werkzeug.routing import Rule
from werkzeug.routing.converters import AnyConverter

from netzwerk import graph
from netzwerk.web import auth
from tests.conftest import HOSTILE_CORPUS, HOSTILE_URL_PARTS, csrf_token
from tests.integration.test_access_matrix import PARAM
from tests.integration.test_hostile_inputs import live_markup_in, query_parameter_names
from tests.stored_data import data_checksum

pytestmark = pytest.mark.slow

EDGES = [
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "92233720368547759",
    "-1",
    "0",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "x" * 10_240,
    "ä" * 10_240,
]
QUERY_VALUES = EDGES + HOSTILE_CORPUS[::2]
PATH_VALUES = EDGES + [quote(s[:2000], safe="") for s in HOSTILE_CORPUS[::6]]
RAW_PATH_PARTS = HOSTILE_URL_PARTS
ROLES = ["anonymous", "viewer", "contacts", "editor", "admin"]
LEVEL = {"anonymous": 0, "viewer": 1, "contacts": 1, "editor": 2, "admin": 3}
REFUSED_SHARE = 8
"""A role refused before parsing sends one value in eight (in sixteen for a write)."""
NEED = {None: 0, "viewer": 1, "editor": 2, "admin": 3}
WRITE = ("POST", "PUT", "PATCH", "DELETE")

PERSON_SECRETS: dict[str, Any] = {
    "email": "walk.geheim@beispiel-amt.de",
    "phone": "+49 651 55 44 33 22",
    "notes": "WALK-NOTIZ-PERSOENLICH",
    "consent_contact_source": "WALK-QUELLE-EINWILLIGUNG",
}
PERSON_NAME = "Wanda Walkerin"


@dataclass
class Finding:
    role: str
    method: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"{self.role} {self.method} {self.url[:140]}: {self.problem}"


def _seed(store: graph.Store, seeded: dict[str, str]) -> dict[str, str]:
    person = graph.create_record(
        store,
        graph.Person(
            first_name="Wanda",
            last_name="Walkerin",
            consent_contact=True,
            consent_contact_date=datetime.date(2022, 2, 2),
            **PERSON_SECRETS,
        ),
        user="test",  # recorded in the history with its values, as the browser's create does
    )
    link = graph.Link(type="WORKS_AT", from_id=person.id, to_id=seeded["actor"])
    graph.create_link(store, link, user="test")
    return {**seeded, "person": person.id}


SLUG_ID = {
    "akteure": "actor", "personen": "person", "buendnisse": "alliance", "projekte": "project",
    "themen": "topic", "bildungsstufen": "stage", "zielgruppen": "target_group",
    "regionen": "region", "actors": "actor", "persons": "person", "alliances": "alliance",
    "projects": "project", "topics": "topic", "stages": "stage",
    "target-groups": "target_group", "regions": "region",
}  # fmt: skip
BY_NAME = {
    "type_name": "link_type", "link_id": "link", "entry_id": "trash", "user_id": "user",
    "token_id": "token", "person_id": "person", "actor_id": "actor",
}  # fmt: skip


def _valid(rule: Rule, seed: dict[str, str], pick: int) -> dict[str, str]:
    """Valid values for every path parameter of ``rule`` (``pick`` rotates ``any`` choices)."""
    values: dict[str, str] = {}
    for name in rule.arguments:
        conv = rule._converters[name]
        if isinstance(conv, AnyConverter):
            items = sorted(conv.items)
            values[name] = items[pick % len(items)]
    slug = values.get("slug") or values.get("kind") or ""
    for name in rule.arguments:
        if name in values:
            continue
        if name == "node_id":
            values[name] = seed[SLUG_ID.get(slug, "actor")]
        elif name == "filename":
            values[name] = "css/netzwerk.css"
        else:
            values[name] = seed.get(BY_NAME.get(name, name), seed["actor"])
    return values


def _url(rule: Rule, values: dict[str, str]) -> str:
    return PARAM.sub(lambda m: values[m.group(1)], rule.rule)


@dataclass(frozen=True)
class Turn:
    """Which values one role sends to one route: those whose rotated index is ``mine``
    modulo ``share``; ``pick`` chooses among a path parameter's fixed choices."""

    offset: int
    share: int
    mine: int
    pick: int

    def takes(self, i: int) -> bool:
        return (i + self.offset) % self.share == self.mine


def _turns(need: int, write: bool, offset: int) -> dict[str, Turn]:
    """Each role's turn on one route and method: the roles let in split the values among
    them (a write sends every second one), a refused role takes a rotating eighth."""
    allowed = [r for r in ROLES if LEVEL[r] >= need]
    factor = 2 if write else 1
    return {
        role: Turn(offset, factor * len(allowed), allowed.index(role), offset + i)
        if role in allowed
        else Turn(offset + i, factor * REFUSED_SHARE, 0, offset + i)
        for i, role in enumerate(ROLES)
    }


def _variants(rule: Rule, seed: dict[str, str], turn: Turn) -> Iterator[str]:
    """The valid URL, then each free path parameter replaced by the hostile values of
    ``turn``."""
    base = _valid(rule, seed, turn.pick)
    yield _url(rule, base)
    free = [n for n in rule.arguments if not isinstance(rule._converters[n], AnyConverter)]
    free = [n for n in free if n != "filename"]
    values = PATH_VALUES + RAW_PATH_PARTS
    for name in free:
        for i, value in enumerate(values):
            if turn.takes(i):
                yield _url(rule, {**base, name: value})


def _forbidden_text(role: str) -> list[str]:
    if role == "anonymous":
        return [PERSON_NAME, "Walkerin", *PERSON_SECRETS.values()]
    if role == "viewer":
        return list(PERSON_SECRETS.values())
    return []


class Walker:
    def __init__(self, app: Any, store: graph.Store, make_client: Any) -> None:
        self.app, self.store, self.make_client = app, store, make_client
        self.sent = 0
        self.findings: list[Finding] = []
        self.clients: dict[str, Any] = {}
        self.tokens: dict[str, str] = {}

    def client(self, role: str, *, fresh: bool = False) -> tuple[Any, str]:
        if fresh or role not in self.clients:
            auth.throttle.reset()  # hostile logins must not lock the walk's own accounts
            if role == "anonymous":
                client = self.app.test_client()
            elif role == "contacts":
                client = self.make_client("viewer", contacts=True)
            else:
                client = self.make_client(role)
            self.clients[role], self.tokens[role] = client, csrf_token(client)
        return self.clients[role], self.tokens[role]

    def send(self, role: str, method: str, url: str, query: dict[str, str] | None) -> None:
        client, token = self.client(role)
        checksum = data_checksum(self.store) if method in WRITE else None
        headers = {"X-CSRFToken": token}
        body: dict[str, Any] = {}
        if method in WRITE:
            if url.startswith("/api/"):
                body = {"json": dict(query or {})}
            else:
                body = {"data": {"csrf_token": token, **(query or {})}}
        try:
            resp = client.open(url, method=method, query_string=query, headers=headers, **body)
        except Exception as exc:  # the test client raises what the app did not handle
            self.findings.append(Finding(role, method, url, f"exception {exc!r}"[:300]))
            return
        self.sent += 1
        self.check(role, method, url, resp, checksum)
        if method in WRITE and "/anmelden" in resp.headers.get("Location", ""):
            self.clients.pop(role, None)  # logged out (or never in): a fresh client next

    def check(self, role: str, method: str, url: str, resp: Any, before: str | None) -> None:
        status = resp.status_code
        if status >= 500:
            self.findings.append(Finding(role, method, url, f"server error {status}"))
        refused = status >= 400 or (
            role == "anonymous" and "/anmelden" in resp.headers.get("Location", "")
        )
        if before is not None and refused and data_checksum(self.store) != before:
            self.findings.append(Finding(role, method, url, f"refused ({status}) but data changed"))
        if status < 400 and resp.mimetype in ("text/html", "application/json", "text/csv"):
            text = resp.get_data(as_text=True)
            leaked = [s for s in _forbidden_text(role) if s in text]
            if leaked:
                self.findings.append(Finding(role, method, url, f"shows {leaked}"))
        markup = live_markup_in(resp)
        if markup:
            self.findings.append(Finding(role, method, url, f"unescaped {markup}"))


def _need(app: Any, rule: Rule) -> int:
    view = app.view_functions[rule.endpoint]
    return NEED.get(getattr(view, "required_role", None), 0)


SHARDS = 4
"""The walk in four parts (every fourth route each), so that the processes of
``make test-slow`` share it; the turns rotate over all routes as in one walk."""


def _steps(app: Any) -> list[tuple[str, int, Rule, str, int]]:
    """Everything the whole walk sends, in order: (phase, route number, route, method, the
    offset its turns rotate by). Reads first (they must change nothing at all), then
    writes, logout last."""
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    rules = sorted(rules, key=lambda r: r.endpoint == "auth.logout")
    offsets = cycle(range(1000))
    steps = []
    for phase in ("read", "write"):
        for number, rule in enumerate(rules):
            methods = sorted(set(rule.methods or ()) - {"HEAD", "OPTIONS"})
            for method in methods:
                if (method == "GET") == (phase == "read"):
                    steps.append((phase, number, rule, method, next(offsets)))
    return steps


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_route_every_role_hostile_values(
    app: Any, store: graph.Store, make_client: Any, seeded: dict[str, str], shard: int
) -> None:
    seed = _seed(store, seeded)
    names = query_parameter_names()
    walker = Walker(app, store, make_client)
    steps = _steps(app)
    routes = {number for _, number, _, _, _ in steps}
    assert len(routes) > 80
    for role in ROLES:  # accounts are created on first login: before the checksum
        walker.client(role)
    before_reads = data_checksum(store)
    mine = [step for step in steps if step[1] % SHARDS == shard]
    for at, (phase, _, rule, method, offset) in enumerate(mine):
        turns = _turns(_need(app, rule), method in WRITE, offset)
        for role, turn in turns.items():
            for url in _variants(rule, seed, turn):
                walker.send(role, method, url, None)
            for i, value in enumerate(QUERY_VALUES):
                if turn.takes(i):
                    url = _url(rule, _valid(rule, seed, turn.pick))
                    walker.send(role, method, url, {n: value for n in names})
        last_of_route = at + 1 == len(mine) or mine[at + 1][2] is not rule
        if phase == "read" and last_of_route and data_checksum(store) != before_reads:
            walker.findings.append(Finding("-", "GET", rule.rule, "a GET changed stored data"))
            before_reads = data_checksum(store)
    report = (
        f"URL-map walk, part {shard + 1} of {SHARDS}: {len({s[1] for s in mine})} of "
        f"{len(routes)} routes, {walker.sent} requests, {len(walker.findings)} findings"
    )
    print(report)
    for finding in walker.findings[:60]:
        print("  ", finding)
    assert walker.sent > 5000 // SHARDS // 2
    assert not walker.findings, report + "\n" + "\n".join(map(str, walker.findings[:60]))
