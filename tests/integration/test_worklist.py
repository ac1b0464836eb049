"""The start page as a worklist: each box counts what needs doing and links to where to act;
an empty instance shows the first steps; history reads as sentences, each change once."""

from __future__ import annotations

import re
import time
from typing import Any

from netzwerk import graph
from netzwerk.graph.admin import seed, worklist
from netzwerk.graph.core.bulk import merge_nodes
from netzwerk.graph.core.store import Tx
from netzwerk.graph.records import history


def _box(html: str, box: str) -> str:
    """The HTML of one box of the start page (fails with the page's text if it is missing)."""
    marker = f'id="box-{box}">'
    assert marker in html, f"box {box} missing in:\n{html[:3000]}"
    rest = html.split(marker, 1)[1]
    return re.split(r'<li class="work-box|</section>', rest, maxsplit=1)[0]


def _count(html: str, box: str) -> int:
    found = re.search(r'<span class="num">([\d.]+)</span>', _box(html, box))
    assert found, f"no count in box {box}"
    return int(found.group(1).replace(".", ""))


def test_empty_instance_shows_first_steps_not_the_worklist(make_client) -> None:
    html = make_client("editor").get("/").get_data(as_text=True)
    assert "Erste Schritte" in html
    assert 'href="/import"' in html and "Partnerliste importieren" in html
    assert 'href="/befragungen"' in html and "Befragung anlegen" in html
    assert "box-answers" not in html


def test_a_sequence_of_changes_moves_the_boxes(store: graph.Store, make_client) -> None:
    """New actor → a new isolated actor and a colleague's change; a cooperation → no longer
    isolated, and the link change counted once although both ends record it."""
    client = make_client("admin")
    school = graph.create_record(store, graph.Actor(name="Grundschule Tarforst"), user="anna")
    html = client.get("/").get_data(as_text=True)
    assert _count(html, "isolated") == 1 and "Grundschule Tarforst" in _box(html, "isolated")
    assert _count(html, "colleagues") == 1
    assert 'href="/luecken/vorschlaege"' in _box(html, "suggestions")
    assert 'href="/datenschutz/einwilligungen"' in _box(html, "consents")
    assert 'href="/aenderungen"' in _box(html, "changesets")

    club = graph.create_record(store, graph.Actor(name="Leseclub Trier-Nord"), user="anna")
    graph.create_link(
        store,
        graph.Link(
            type="COOPERATES_WITH", from_id=club.id, to_id=school.id, kind="Projektpartnerschaft"
        ),
        user="ben",
    )
    html = client.get("/").get_data(as_text=True)
    assert _count(html, "isolated") == 0
    assert _count(html, "colleagues") == 3, "two records and one link change, each once"
    names = "(Leseclub Trier-Nord|Grundschule Tarforst)"
    pattern = rf"{names}</a> kooperiert mit <a [^>]+>{names}</a>"
    assert re.search(pattern, _box(html, "colleagues")), "a symmetric link, either way round"

    graph.create_record(store, graph.Actor(name="Eigenes"), user="admin")
    assert _count(client.get("/").get_data(as_text=True), "colleagues") == 3, "own changes"


def test_viewer_sees_only_boxes_they_can_act_on(store: graph.Store, make_client) -> None:
    graph.create_record(store, graph.Actor(name="Grundschule Tarforst"), user="anna")
    html = make_client("viewer").get("/").get_data(as_text=True)
    for box in ("answers", "consents", "changesets"):
        assert f"box-{box}" not in html
    assert _count(html, "isolated") == 1


def test_worklist_is_fast_on_the_demo_region(store: graph.Store) -> None:
    seed.load(store)
    worklist.worklist(store, user="admin")  # the first run plans the queries
    took = []
    for _ in range(5):
        start = time.perf_counter()
        work = worklist.worklist(store, user="admin")
        took.append(time.perf_counter() - start)
    assert work.isolated >= 0 and work.colleagues >= 0
    best = min(took)
    print(f"worklist on the demo region: best {best * 1000:.0f} ms of 5")
    assert best < 0.2, f"worklist took {best * 1000:.0f} ms"


def test_membership_reads_the_same_way_on_both_ends(store: graph.Store, make_client) -> None:
    club = graph.create_record(store, graph.Actor(name="Leseclub Trier-Nord"), user="anna")
    alliance = graph.create_record(store, graph.Alliance(name="Trierer Bündnis"), user="anna")
    graph.create_link(
        store, graph.Link(type="MEMBER_OF", from_id=club.id, to_id=alliance.id), user="anna"
    )
    client = make_client("admin")
    sentence = re.compile(
        r'Leseclub Trier-Nord</a> ist Mitglied in <a href="[^"]+">Trierer Bündnis</a>'
    )
    for url in (f"/akteure/{club.id}", f"/buendnisse/{alliance.id}", "/verwaltung/verlauf"):
        html = client.get(url).get_data(as_text=True)
        assert sentence.search(html), f"{url} does not read subject · verb · object"
    html = client.get("/verwaltung/verlauf").get_data(as_text=True)
    assert len(sentence.findall(html)) == 1, "the link change is listed once, not per end"
    assert len(history.once(history.recent(store))) == 3


def test_history_has_no_raw_keys(store: graph.Store, make_client) -> None:
    """An erasure's and an import undo's entries name their figures in words."""
    erased: dict[str, Any] = {"history_redacted": 2, "trash_removed": 1, "exports_swept": 0}
    undone: dict[str, Any] = {
        "removed": [3, 0],
        "reverted": [0, 2],
        "kept": [None, 1],
        "survey": [None, "x"],
    }

    def write(action: str, label: str, changes: dict[str, Any]) -> None:
        store.transaction(
            lambda tx: history.record_in(
                tx,
                user="anna",
                action=action,
                label=label,
                record_id="r1",
                record_name="Import rückgängig gemacht",
                changes=changes,
            )
        )

    write("erase", "Person", erased)
    write("update", "Import", undone)
    for lang in ("de", "en"):
        html = make_client("admin").get(f"/verwaltung/verlauf?lang={lang}").get_data(as_text=True)
        for key in (
            "history_redacted",
            "trash_removed",
            "exports_swept",
            "removed",
            "reverted",
            "kept",
            "survey",
        ):
            assert f">{key}<" not in html, f"raw key {key} in {lang}"


def test_a_changeset_counts_once_by_its_summary(store: graph.Store, make_client) -> None:
    """An import writes an entry per record (with its batch) and one summary: colleagues'
    changes count the import once, not once per row."""
    rows = [
        history.Entry(
            action="create", label="Actor", record_id=f"a{i}", record_name="X", batch="b1"
        )
        for i in range(3)
    ]

    def write(tx: Tx) -> None:
        history.record_many_in(tx, rows, user="anna")
        history.record_in(
            tx, user="anna", action="import", label="Import", record_id="b1", record_name="Liste"
        )

    store.transaction(write)
    merge_nodes(store, [graph.Actor(id="a0", name="Schon da")])  # not an empty instance
    work = worklist.worklist(store, user="admin")
    assert work.colleagues == 1
    assert [c.label for c in work.colleague_changes] == ["Import"]
    html = make_client("admin").get("/").get_data(as_text=True)
    assert '<a href="/aenderungen/b1">Liste</a> importiert' in _box(html, "colleagues")
