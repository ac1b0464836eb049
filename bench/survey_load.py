"""Survey load: two people per link saving answers at the same time through ``netzwerk serve``.

The demo region is loaded, a survey of 25 actors is created and its links handed out; each
link goes to two colleagues (50 respondents). The app runs as ``netzwerk serve`` (waitress,
8 threads) in its own process on loopback; each respondent is a thread with its own
keep-alive connection and cookie, as a browser: it opens its link (the page with the
answer's version and the answer as shown) and saves ``SAVES`` times, adding its own partner
and its own comment, the last save handing the answer in. After every save it follows the
redirect and reads the page again, as a browser does. When a colleague saved first, the
server answers 409 with both versions merged; the respondent sends that merged page again
with its own input, as a person deciding the marked fields would.

Afterwards every link's stored answer is checked: *lost* is a link whose answer is missing,
not handed in, lacks a partner either person added, or whose comment is not from the save
last reported as stored. One respondent alone is measured in the same run, for the ratio.

Run with a local instance of your own: ``NETZWERK_INSTANCE=mine python -m bench survey_load``.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

from bench._report import machine, median, percentile, write_section
from bench._server import Session, free_port, running
from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import seed as seed_mod

LINKS = 25
PER_LINK = 2
SAVES = 6
RETRIES = 8


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


class FormState(HTMLParser):
    """What the answer form would send as the page shows it (inputs, choices, texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select = ""
        self._textarea = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((name, a.get("value", "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = ""


def form_state(page: str) -> list[tuple[str, str]]:
    parser = FormState()
    parser.feed(page)
    return parser.fields


class Respondent(Session):
    """One colleague's browser on a shared link: its page, its saves, their latencies."""

    def __init__(self, port: int, token: str, link: int, person: int):
        super().__init__(port, timeout=120)
        self.path = f"/b/{token}"
        self.link, self.person = link, person
        self.page = ""
        self.times: list[float] = []
        self.errors: list[str] = []
        self.conflicts = 0
        self.stored: list[tuple[float, str]] = []
        """(time the server answered "stored", comment) of every save reported as stored."""

    @property
    def partner(self) -> str:
        return f"Neuer Partner {self.link}-{self.person}"

    def open(self) -> None:
        status, self.page = self.request("GET", self.path)
        assert status == 200, status

    def _body(self, k: int, action: str) -> list[tuple[str, str]]:
        """The page's form as shown, with this person's comment and partner row added."""
        fields = [(n, v) for n, v in form_state(self.page) if n not in ("comment", "action")]
        names = {v for n, v in fields if re.fullmatch(r"p\d+_name", n)}
        rows = int(next((v for n, v in fields if n == "rows"), "0") or 0)
        if self.partner not in names:  # its own row in the first empty one
            empty = next((n for n, v in fields if re.fullmatch(r"p\d+_name", n) and not v), None)
            if empty is None:
                fields = [(n, v) for n, v in fields if n != "rows"] + [("rows", str(rows + 1))]
                empty = f"p{rows}_name"
            fields = [(n, v) for n, v in fields if n != empty] + [(empty, self.partner)]
            kind = empty.replace("_name", "_kind")
            fields = [(n, v) for n, v in fields if n != kind] + [(kind, "Informationsaustausch")]
        comment = f"Link {self.link} Person {self.person} Stand {k}"
        return [*fields, ("comment", comment), ("action", action)]

    def save(self, k: int) -> None:
        action = "submit" if k == SAVES - 1 else "save"
        for _attempt in range(RETRIES):
            body = self._body(k, action)
            started = time.perf_counter()
            status, page = self.request("POST", self.path, body)
            self.times.append(time.perf_counter() - started)
            if status == 302:
                self.stored.append((time.monotonic(), dict(body)["comment"]))
                self.open()
                return
            if status != 409:
                self.errors.append(f"{self.link}/{self.person}/{k}: HTTP {status}")
                return
            self.conflicts += 1
            self.page = page  # both versions merged; send it again with my input
        self.errors.append(f"{self.link}/{self.person}/{k}: {RETRIES} conflicts in a row")


def _run(port: int, tokens: list[str]) -> tuple[list[Respondent], float]:
    people = [
        Respondent(port, tok, link, person)
        for link, tok in enumerate(tokens)
        for person in range(PER_LINK if len(tokens) > 1 else 1)
    ]
    for p in people:
        p.open()
    gate = threading.Barrier(len(people))

    def work(p: Respondent) -> None:
        gate.wait()
        for k in range(SAVES):
            p.save(k)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return people, time.perf_counter() - started


def _lost(store: graph.Store, survey_id: str, people: list[Respondent], ids: list[str]) -> int:
    """Links whose answer is missing, not handed in, lacks a partner one of its people
    added, or does not hold the comment of the save last reported as stored."""
    rows = store.read("surveys/answers", survey_id=survey_id, submitted_only=False, reader=None)
    by_actor = {r["answer"]["actor_id"]: r["answer"] for r in rows}
    lost = 0
    for link, actor_id in enumerate(ids):
        a = by_actor.get(actor_id)
        data = json.loads(a["data"]) if a else {}
        mine = [p for p in people if p.link == link]
        partners = {r.get("name") for r in data.get("partners", [])}
        last = max((s for p in mine for s in p.stored), default=(0.0, ""))[1]
        if (
            not a
            or not a.get("submitted_at")
            or any(p.partner not in partners for p in mine)
            or data.get("comment") != last
        ):
            lost += 1
    return lost


def main() -> None:
    store = graph.connect()
    graph.wipe(store)
    graph.apply_schema(store)
    seed_mod.load(store)
    actors = store.read("surveys/actor_directory", limit=LINKS + 1)
    ids = [a["id"] for a in actors[: LINKS + 1]]
    survey, _n = sv.create_survey(
        store,
        sv.Survey(
            title="Lasttest",
            closes=date.today() + timedelta(days=7),
            scope=sv.Scope(kind="actors", actor_ids=tuple(ids)),
            questions=("master", "partners"),
        ),
        user="bench",
    )
    by_actor = {i.invite.actor_id: i.token for i in sv.issue_links(store, survey.id)}
    port = free_port()
    netzwerk = str(Path(sys.executable).with_name("netzwerk"))
    with running([netzwerk, "serve", "--port", str(port), "--threads", "8"], port):
        load_before = _loadavg()
        alone, wall_alone = _run(port, [by_actor[ids[-1]]])
        crowd, wall = _run(port, [by_actor[a] for a in ids[:LINKS]])
        load_after = _loadavg()
    lost = _lost(store, survey.id, crowd, ids[:LINKS])
    errors = [e for p in crowd + alone for e in p.errors]
    conflicts = sum(p.conflicts for p in crowd)
    graph.wipe(store)
    store.close()

    t1 = [t for p in alone for t in p.times]
    tn = [t for p in crowd for t in p.times]
    people = LINKS * PER_LINK
    rows = [
        "| respondents at once | links | saves sent | told to merge (409) | p50 ms | p95 ms "
        "| max ms | saves/s | lost answers |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| 1 | 1 | {len(t1)} | 0 | {median(t1) * 1000:.0f} | "
        f"{percentile(t1, 95) * 1000:.0f} | {max(t1) * 1000:.0f} | {len(t1) / wall_alone:.1f} "
        "| 0 |",
        f"| {people} | {LINKS} | {len(tn)} | {conflicts} | {median(tn) * 1000:.0f} | "
        f"{percentile(tn, 95) * 1000:.0f} | {max(tn) * 1000:.0f} | {len(tn) / wall:.1f} | "
        f"{lost} |",
    ]
    text = f"""## Survey: two people per link saving at once (`netzwerk serve`)

Demo region loaded, one survey of {LINKS} actors, each link used by {PER_LINK} colleagues
({people} respondents). `netzwerk serve` (waitress, 8 threads) on loopback; each respondent
has its own connection and cookie, opens its link, then all start together and save
{SAVES} times each (master data, its own partner row, its own comment; the last save hands
the answer in), reading the page again after every stored save. A save made from an older
version is answered 409 with both versions merged, and the respondent sends the merged page
again with its input. Afterwards every link's answer is checked (handed in, both partners
there, the comment of the last save reported as stored): **{lost} lost answers** of
{LINKS}; {len(errors)} failed requests (all must be 0). Clients, server and Neo4j share
the machine.

Machine: {machine()}; load average {load_before} before, {load_after} after.

{chr(10).join(rows)}

{people} at once vs 1 alone: p50 × {median(tn) / median(t1):.1f}, p95 ×
{percentile(tn, 95) / percentile(t1, 95):.1f}. A save locks its survey node first (so no
save is stored after the survey is closed, and two saves on one link are ordered), then
checks the version: saves of one survey queue for that lock for the few milliseconds of
their transaction; the rest of the latency is queueing for 8 server threads and 2 cores.
"""
    write_section("survey_load", text)
    print(text)
    if errors:
        print("\n".join(errors[:20]))


if __name__ == "__main__":
    main()
