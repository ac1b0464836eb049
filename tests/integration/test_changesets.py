"""Änderungspakete against the real Neo4j: imports and workbooks are stored before they are
applied, merged three-way per field, resumed after a cut, and undone by value in any order."""

from __future__ import annotations

import dataclasses
import io
import random
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from netzwerk import graph
from netzwerk.graph import imports, operations
from netzwerk.graph.admin import backup
from netzwerk.graph.core.errors import DatabaseUnavailableError
from netzwerk.graph.network import filters
from netzwerk.graph.personal import consent
from netzwerk.graph.records import changesets, history

NAMES = (
    "Grundschule Ehrang",
    "Volkshochschule Konz",
    "Stadtbibliothek Saarburg",
    "Caritasverband Mosel",
    "Jugendzentrum Mergener Hof",
)
MAILS = ("", "info@a.de", "post@b.de", "kontakt@c.de")
PHONES = ("", "0651 1", "0651 22", "06581 333")
TOWNS = ("", "Trier", "Konz", "Saarburg")
BOOKKEEPING = {"created", "updated", "version"}


def _own(name: str, value: str) -> str:
    """A value of this actor's own (two actors sharing an e-mail address are a likely
    duplicate the import rightly asks about; here they stay apart)."""
    return f"{NAMES.index(name) if name in NAMES else 9}{value}" if value else ""


def _csv(rows: list[tuple[str, str, str, str]]) -> bytes:
    lines = ["Name;Art;E-Mail;Telefon;Ort"]
    lines += [
        f"{name};Schule;{_own(name, mail)};{phone};{town}" for name, mail, phone, town in rows
    ]
    return "\n".join(lines).encode("utf-8")


def _plan(store: graph.Store, data: bytes, name: str = "akteure.csv") -> imports.ImportPlan:
    table = imports.read_table(data, name)
    plan = imports.dry_run(store, table, "actors", imports.guess(table.headers, "actors"))
    assert not plan.undecided and not plan.blocking, plan.open_reviews
    return plan


def _state(store: graph.Store) -> tuple[list[str], list[str]]:
    """The graph's records and links without bookkeeping (what a user sees)."""
    dump = backup.dump(store)
    keep = set(graph.LABELS)
    nodes = sorted(
        repr(sorted((k, v) for k, v in n["properties"].items() if k not in BOOKKEEPING))
        for n in dump["nodes"]
        if set(n["labels"]) & keep
    )
    rels = sorted(
        repr(
            (
                r["type"],
                r["from"],
                r["to"],
                sorted((k, v) for k, v in r["properties"].items() if k not in BOOKKEEPING),
            )
        )
        for r in dump["relationships"]
        if r["type"] in graph.LINK_TYPES
    )
    return nodes, rels


def _actor(store: graph.Store, name: str) -> graph.Actor:
    return next(a for a in graph.list_nodes(store, graph.Actor, limit=100).items if a.name == name)


def test_undo_in_either_order_ends_where_it_started(store: graph.Store) -> None:
    """The reported case: a CSV import, then a second import over the same actors and
    fields; undoing them in either order leaves nothing of either behind."""
    graph.create_record(store, graph.Actor(name=NAMES[0], kind="Schule"), user="t")
    start = _state(store)
    for order in ((1, 0), (0, 1)):
        first = operations.commit_import(
            store,
            _plan(store, _csv([(NAMES[0], MAILS[1], PHONES[1], ""), (NAMES[1], "", "", "")])),
            user="a",
        )
        second = operations.commit_import(
            store,
            _plan(store, _csv([(NAMES[0], "", PHONES[2], TOWNS[1]), (NAMES[1], MAILS[2], "", "")])),
            user="b",
        )
        assert _actor(store, NAMES[0]).phone == PHONES[1], "a stored value is not overwritten"
        done = (first, second)
        for i in order:
            undone = operations.undo_import(store, done[i].batch, user="c")
            assert undone.conflicts == [], undone
            assert changesets.get(store, done[i].batch).state == "undone"  # type: ignore[union-attr]
        assert _state(store) == start, f"undo order {order}"
        with pytest.raises(graph.NotFoundError):
            operations.undo_import(store, first.batch, user="c")


def test_a_value_changed_after_the_dry_run_is_a_conflict_not_overwritten(
    store: graph.Store,
) -> None:
    vhs = graph.create_record(store, graph.Actor(name=NAMES[1], kind="VHS/Weiterbildung"), user="t")
    plan = _plan(store, _csv([(NAMES[1], MAILS[1], PHONES[1], TOWNS[2])]))
    graph.update_record(store, dataclasses.replace(vhs, email=MAILS[3]), user="kollegin")
    result = operations.commit_import(store, plan, user="a")
    now = _actor(store, NAMES[1])
    assert now.email == MAILS[3], "the colleague's value stays"
    assert (now.phone, now.town) == (PHONES[1], TOWNS[2]), "the other fields are filled"
    (conflict,) = result.conflicts
    assert (conflict["field"], conflict["stored"], conflict["proposed"]) == (
        "email",
        MAILS[3],
        _own(NAMES[1], MAILS[1]),
    )
    assert changesets.get(store, result.batch).conflicts == result.conflicts  # type: ignore[union-attr]

    # and the undo leaves a field someone changed after the import alone
    graph.update_record(store, dataclasses.replace(now, town=TOWNS[3]), user="kollegin")
    undone = operations.undo_import(store, result.batch, user="a")
    assert [(c["field"], c["stored"]) for c in undone.conflicts] == [("town", TOWNS[3])]
    after = _actor(store, NAMES[1])
    assert (after.phone, after.town, after.email) == ("", TOWNS[3], MAILS[3])


def test_an_interrupted_changeset_is_finished_from_its_journal(store: graph.Store) -> None:
    """Cut off after its first transaction (as by an outage), the changeset stays
    "applying"; the watcher's resume applies the rest, no part twice."""
    rows = [(f"Schule {i:03d}", f"s{i}@schule.de", "", "") for i in range(120)]
    plan = _plan(store, _csv(rows))
    cs_id, units = operations.propose_import(store, plan, user="a", batch_size=20)
    assert changesets.get(store, cs_id).state == "proposed"  # type: ignore[union-attr]
    assert graph.counts(store).nodes.get("Actor", 0) == 0, "stored, not applied"

    def cut(done: int, total: int) -> None:
        if done >= 40:
            raise DatabaseUnavailableError("Die Datenbank antwortet nicht.")

    with pytest.raises(DatabaseUnavailableError):
        operations.apply_changeset(
            store, cs_id, user="a", units=units, progress=cut, single_transaction=40
        )
    half = changesets.get(store, cs_id)
    assert half is not None and half.state == "applying"
    assert 0 < graph.counts(store).nodes.get("Actor", 0) < 120

    assert operations.resume(store, stale_seconds=0) == [(cs_id, "applied")]
    assert graph.counts(store).nodes.get("Actor", 0) == 120
    done = changesets.get(store, cs_id)
    assert done is not None and done.counts["created"] == 120 and done.done == done.total
    assert operations.resume(store, stale_seconds=0) == [], "nothing left to do"
    undone = operations.undo_import(store, cs_id, user="a")
    assert undone.removed == 120 and graph.counts(store).nodes.get("Actor", 0) == 0


def test_a_part_applied_twice_is_refused(store: graph.Store) -> None:
    """Two workers on one changeset (a resumed one and a slow original): every part is
    claimed under its lock, so the second finds nothing to do."""
    plan = _plan(store, _csv([(NAMES[2], MAILS[1], "", "")]))
    cs_id, units = operations.propose_import(store, plan, user="a")
    first = operations.apply_changeset(store, cs_id, user="a", units=units)
    again = operations.apply_changeset(store, cs_id, user="a", units=units)
    assert first.created == 1 and again.created == 1 and again.state == "applied"
    assert graph.counts(store).nodes.get("Actor", 0) == 1


def test_undo_takes_the_changesets_consent_back_and_only_it(store: graph.Store) -> None:
    data = "Vorname;Nachname;E-Mail;Newsletter;Datum Einwilligung Newsletter\n"
    graph.create_record(
        store,
        graph.Person(id="p1", first_name="Jan", last_name="Groß", email="jan@example.org"),
        user="t",
    )
    table = imports.read_table(
        (data + "Jan;Groß;jan@example.org;ja;01.03.2024\n").encode(), "p.csv"
    )
    plan = imports.dry_run(store, table, "persons", imports.guess(table.headers, "persons"))
    result = operations.commit_import(store, plan, user="u")
    assert [c.type for c in consent.for_person(store, "p1")] == ["opt-in"]
    operations.undo_import(store, result.batch, user="u")
    assert graph.get(store, graph.Person, "p1").consent_newsletter is False
    assert consent.for_person(store, "p1") == [], "the ledger agrees with the fields"


def _workbook_edit(store: graph.Store, name: str, header: str, value: str) -> imports.ImportPlan:
    data = operations.export_workbook(store, filters.Filter(), user="t")
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Akteure"]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[headers.index("Name")].value == name:
            row[headers.index(header)].value = value
    out = io.BytesIO()
    wb.save(out)
    sheets = imports.read_workbook(out.getvalue(), "netzwerk.xlsx")
    return imports.dry_run_workbook(
        store, sheets, "netzwerk.xlsx", choices=imports.Choices(role="admin")
    )


Step = tuple[str, Any]
ROW = st.tuples(
    st.sampled_from(NAMES), st.sampled_from(MAILS), st.sampled_from(PHONES), st.sampled_from(TOWNS)
)
STEP = st.one_of(
    st.tuples(st.just("csv"), st.lists(ROW, min_size=1, max_size=4, unique_by=lambda r: r[0])),
    st.tuples(
        st.just("workbook"),
        st.tuples(
            st.sampled_from(NAMES[:2]),
            st.sampled_from(("E-Mail", "Ort", "Telefon")),
            st.sampled_from(("neu@x.de", "Trier", "0651 9")),
        ),
    ),
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=2, max_size=4), seed=st.integers(0, 2**16))
def test_random_changesets_undone_in_random_order_return_to_the_start(
    store: graph.Store, steps: list[Step], seed: int
) -> None:
    """Any sequence of imports and workbook round trips, undone in any order, ends exactly
    where it started — when nobody else changed anything in between."""
    graph.wipe(store)
    for name in NAMES[:2]:
        graph.create_record(store, graph.Actor(name=name, kind="Schule", town="Trier"), user="t")
    start = _state(store)
    done = []
    for kind, arg in steps:
        plan = _plan(store, _csv(arg)) if kind == "csv" else _workbook_edit(store, *arg)
        if plan.writes:
            done.append(operations.commit_import(store, plan, user="u").batch)
    random.Random(seed).shuffle(done)
    for batch in done:
        undone = operations.undo_import(store, batch, user="u")
        assert undone.conflicts == [], (steps, undone)
    assert _state(store) == start, steps


@pytest.mark.parametrize("first", [0, 1])
def test_a_value_changed_and_changed_back_by_two_changesets_undoes_in_either_order(
    store: graph.Store, first: int
) -> None:
    """Trier → Konz-Neu (one workbook) → Trier (another): undoing the first while the second
    is applied keeps Trier and hands the first's old value to the second, whose undo then
    ends at Trier too (it once ended at the first workbook's value)."""
    for name in NAMES[:2]:
        graph.create_record(store, graph.Actor(name=name, kind="Schule", town="Trier"), user="t")
    start = _state(store)
    done = [
        operations.commit_import(
            store, _workbook_edit(store, NAMES[0], "Ort", town), user="u"
        ).batch
        for town in ("Konz-Neu", "Trier")
    ]
    for batch in (done[first], done[1 - first]):
        assert operations.undo_import(store, batch, user="u").conflicts == []
    assert _state(store) == start


def _export_edit(
    data: bytes, edits: dict[tuple[str, str], str], drop: str = "", twice: str = ""
) -> bytes:
    """An exported workbook edited as in Excel: cells by (actor name, header); ``drop``
    deletes an actor's row, ``twice`` copies one."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Akteure"]
    headers = [c.value for c in ws[1]]
    for row in list(ws.iter_rows(min_row=2)):
        name = row[headers.index("Name")].value
        for (who, header), value in edits.items():
            if who == name:
                row[headers.index(header)].value = value
        if twice and name == twice:
            ws.append([c.value for c in row])
    if drop:
        for i, row in enumerate(ws.iter_rows(min_row=2), start=2):
            if row[headers.index("Name")].value == drop:
                ws.delete_rows(i)
                break
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _workbook_plan(store: graph.Store, data: bytes) -> imports.ImportPlan:
    sheets = imports.read_workbook(data, "netzwerk.xlsx")
    return imports.dry_run_workbook(
        store, sheets, "netzwerk.xlsx", choices=imports.Choices(role="admin")
    )


def test_a_stale_workbook_never_reverts_a_colleague(store: graph.Store) -> None:
    """Export; a colleague moves an actor to Konz; the untouched workbook changes nothing,
    and a workbook edited elsewhere changes only what was edited in it."""
    a = graph.create_record(
        store, graph.Actor(name=NAMES[0], kind="Schule", town="Trier"), user="t"
    )
    graph.create_record(store, graph.Actor(name=NAMES[1], kind="Schule"), user="t")
    exported = operations.export_workbook(store, filters.Filter(), user="t")
    graph.update_record(store, dataclasses.replace(a, town="Konz"), user="kollegin")

    untouched = _workbook_plan(store, exported)
    assert untouched.writes == 0, "nothing to write: no cell was edited"

    edited = _workbook_plan(store, _export_edit(exported, {(NAMES[0], "E-Mail"): "neu@a.de"}))
    result = operations.commit_import(store, edited, user="b")
    now = _actor(store, NAMES[0])
    assert (now.town, now.email) == ("Konz", "neu@a.de") and result.conflicts == []

    # an edit of a cell the colleague changed too is a conflict, not an overwrite
    clash = _workbook_plan(store, _export_edit(exported, {(NAMES[0], "Ort"): "Saarburg"}))
    result = operations.commit_import(store, clash, user="b")
    assert _actor(store, NAMES[0]).town == "Konz"
    assert [(c["field"], c["stored"], c["proposed"]) for c in result.conflicts] == [
        ("town", "Konz", "Saarburg")
    ]


def test_a_deleted_workbook_row_is_reported_and_a_doubled_id_refused(store: graph.Store) -> None:
    for name in NAMES[:3]:
        graph.create_record(store, graph.Actor(name=name, kind="Schule"), user="t")
    exported = operations.export_workbook(store, filters.Filter(), user="t")
    plan = _workbook_plan(store, _export_edit(exported, {}, drop=NAMES[2]))
    assert any("1 exportierte Zeilen fehlen" in w and NAMES[2] in w for w in plan.warnings)
    assert plan.writes == 0, "nothing is deleted"
    doubled = _workbook_plan(
        store, _export_edit(exported, {(NAMES[1], "Ort"): "Trier"}, twice=NAMES[1])
    )
    assert doubled.blocking
    (bad,) = doubled.errors
    assert "schon in Zeile" in " ".join(bad.messages())


def test_a_matched_row_fills_empty_fields_and_changes_a_stored_name_only_when_ticked(
    store: graph.Store,
) -> None:
    graph.create_record(
        store,
        graph.Actor(
            name="Volkshochschule Trier",
            short_name="VHS Trier",
            kind="VHS/Weiterbildung",
            email="info@vhs-trier.de",
        ),
        user="t",
    )
    data = "Name;Art;E-Mail;Telefon\nVHS Trier;Sonstige;anmeldung@vhs-trier.de;0651 718\n"
    table = imports.read_table(data.encode(), "liste.csv")
    mapping = imports.guess(table.headers, "actors")
    plan = imports.dry_run(store, table, "actors", mapping)
    for r in plan.reviews:  # whether it is certain or asks: it is the same entry
        plan = imports.dry_run(
            store,
            table,
            "actors",
            mapping,
            choices=imports.Choices(decisions={r.key: r.candidates[0].id}),
        )
    fields = {d.field: (d.stored, d.proposed) for d in plan.differences}
    assert fields["email"] == ("info@vhs-trier.de", "anmeldung@vhs-trier.de")
    operations.commit_import(store, plan, user="a")
    vhs = _actor(store, "Volkshochschule Trier")
    assert (vhs.email, vhs.kind, vhs.phone) == (
        "info@vhs-trier.de",
        "VHS/Weiterbildung",
        "0651 718",
    )

    ticked = imports.Choices(
        decisions={r.key: r.candidates[0].id for r in plan.reviews},
        take={d.key for d in plan.differences if d.field == "email"},
    )
    again = imports.dry_run(store, table, "actors", mapping, choices=ticked)
    operations.commit_import(store, again, user="a")
    assert _actor(store, "Volkshochschule Trier").email == "anmeldung@vhs-trier.de"


def test_erasure_reaches_a_changesets_conflicts(store: graph.Store) -> None:
    """A conflict on a person holds their name and contact values: erasure sweeps it."""
    p = graph.create_record(
        store, graph.Person(first_name="Jan", last_name="Groß", email="jan@example.org"), user="t"
    )
    data = "Vorname;Nachname;E-Mail;Telefon\nJan;Groß;jan@example.org;0651 4711\n"
    table = imports.read_table(data.encode(), "p.csv")
    plan = imports.dry_run(store, table, "persons", imports.guess(table.headers, "persons"))
    graph.update_record(store, dataclasses.replace(p, phone="0651 1"), user="kollegin")
    result = operations.commit_import(store, plan, user="u")
    assert [c["record_id"] for c in result.conflicts] == [p.id]
    operations.erase_person(store, p.id, user="admin")
    cs = changesets.get(store, result.batch)
    assert cs is not None and cs.conflicts == []
    assert "0651 4711" not in repr(cs) and "Groß" not in repr(cs)


def test_a_merge_is_a_changeset_undone_by_value(store: graph.Store) -> None:
    """A merge is stored before it is applied, listed, and undone by value: the duplicate
    comes back with its id, every relationship moves back under its own id, the survivor's
    filled fields and its pipeline records are as before."""
    from netzwerk.graph.operations import pipeline
    from tests.integration.test_merge import _setup

    keep, dup, school, *_ = _setup(store)
    pipeline.step(store, dup.id, school.id, "angesprochen", by="t", note="vom Duplikat")
    start = _state(store)
    before = pipeline.pipeline(store)
    result = operations.merge_actors(store, keep.id, dup.id, user="anna")
    cs = changesets.get(store, result.changeset)
    assert cs is not None and (cs.kind, cs.state) == ("merge", "applied")
    assert cs.id in [c.id for c in changesets.recent(store).items]
    assert _state(store) != start
    undone = operations.undo_import(store, cs.id, user="bert")
    assert undone.conflicts == [] and undone.restored == 1, undone
    assert _state(store) == start
    assert [(e.a, e.b, e.status) for e in pipeline.pipeline(store)] == [
        (e.a, e.b, e.status) for e in before
    ]
    assert changesets.get(store, cs.id).state == "undone"  # type: ignore[union-attr]


def test_undoing_a_merge_keeps_what_someone_changed_since(store: graph.Store) -> None:
    from tests.integration.test_merge import _setup

    keep, dup, *_ = _setup(store)
    result = operations.merge_actors(store, keep.id, dup.id, user="anna")
    survivor = graph.get(store, graph.Actor, keep.id)
    graph.update_record(store, dataclasses.replace(survivor, town="Konz"), user="carla")
    undone = operations.undo_import(store, result.changeset, user="bert")
    assert [(c["field"], c["written"], c["stored"], c["old"]) for c in undone.conflicts] == [
        ("town", "Trier", "Konz", "")
    ]
    assert graph.get(store, graph.Actor, keep.id).town == "Konz"
    assert graph.get(store, graph.Actor, dup.id).name == "VHS Trier"
    assert graph.get(store, graph.Actor, keep.id).notes == ""


def test_accepted_survey_proposals_are_changesets_undone_by_value(store: graph.Store) -> None:
    """One accept and one "Alle übernehmen" are a changeset each; undone in another order
    than they were made they leave the graph as before, the consent ledger included, and
    the proposals open for a decision again."""
    from netzwerk.graph.surveys import review
    from tests.integration.test_surveys import _walk, decide_shown

    s, _toks = _walk(store)
    start = _state(store)
    q = {r.actor_id: r for r in review.queue(store, s)}
    a, b = q["a"], q["b"]
    pending = {r.actor_id: {p.key for p in r.pending} for r in q.values()}
    one = decide_shown(store, s, a.id, ["field:street"], accept=True, user="m")
    rest = sorted(pending["a"] - {"field:street"})
    everything = decide_shown(store, s, a.id, rest, accept=True, user="m")
    agreed = decide_shown(store, s, b.id, ["consent:pb"], accept=True, user="m")
    assert sorted(everything.applied) == rest
    assert [c.type for c in consent.for_person(store, "pb")] == ["opt-in"]
    assert graph.get(store, graph.Actor, "a").street == "Domfreihof 1b"
    for out in (one, agreed, everything):
        cs = changesets.get(store, out.changeset)
        assert cs is not None and (cs.kind, cs.state) == ("survey", "applied"), out
    for out in (one, agreed, everything):
        undone = operations.undo_import(store, out.changeset, user="u")
        assert undone.conflicts == [], undone
    assert _state(store) == start
    assert consent.for_person(store, "pb") == [], "the ledger goes with the accept"
    again = {r.actor_id: {p.key for p in r.pending} for r in review.queue(store, s)}
    assert again == pending


def _undone_with_a_conflict(store: graph.Store) -> tuple[str, graph.Actor]:
    """An import that set an actor's phone and town, a colleague's later town, the undo."""
    graph.create_record(store, graph.Actor(name=NAMES[0], kind="Schule"), user="t")
    done = operations.commit_import(
        store, _plan(store, _csv([(NAMES[0], "", PHONES[1], TOWNS[2])])), user="a"
    )
    actor = _actor(store, NAMES[0])
    graph.update_record(store, dataclasses.replace(actor, town="Saarburg"), user="colleague")
    undone = operations.undo_import(store, done.batch, user="b")
    assert [(c["field"], c["written"], c["stored"], c["old"]) for c in undone.conflicts] == [
        ("town", "Konz", "Saarburg", "")
    ]
    return done.batch, _actor(store, NAMES[0])


def test_undo_conflicts_are_decided_field_by_field(store: graph.Store, make_client) -> None:
    from tests.conftest import csrf_token

    batch, actor = _undone_with_a_conflict(store)
    assert (actor.phone, actor.town) == ("", "Saarburg")
    client = make_client("editor")
    page = client.get(f"/aenderungen/{batch}").get_data(as_text=True)
    assert "zurücksetzen" in page and "Vor dem Paket" in page and "Saarburg" in page
    token = csrf_token(client, f"/aenderungen/{batch}")
    key = f"{actor.id}|town"
    bad = client.post(
        f"/aenderungen/{batch}/entscheiden",
        data={"csrf_token": token, "key-0": key, "choice-0": "beides"},
    )
    assert bad.status_code == 400 and _actor(store, NAMES[0]).town == "Saarburg"
    resp = client.post(
        f"/aenderungen/{batch}/entscheiden",
        data={"csrf_token": token, "key-0": key, "choice-0": "reset"},
    )
    assert resp.status_code == 302
    assert _actor(store, NAMES[0]).town == "", "the value before the import is back"
    cs = changesets.get(store, batch)
    assert cs is not None and cs.undo["conflicts"] == []
    assert [(c["field"], c["choice"]) for c in cs.undo["decided"]] == [("town", "reset")]
    again = client.post(
        f"/aenderungen/{batch}/entscheiden",
        data={"csrf_token": token, "key-0": key, "choice-0": "reset"},
    )
    assert again.status_code == 409, "decided once: a second decision is refused"


def test_an_undo_decision_on_a_value_changed_again_is_refused(store: graph.Store) -> None:
    batch, actor = _undone_with_a_conflict(store)
    graph.update_record(store, dataclasses.replace(actor, town="Wittlich"), user="colleague")
    with pytest.raises(graph.ConflictError):
        operations.decide_undo_conflicts(store, batch, {f"{actor.id}|town": "reset"}, user="b")
    assert _actor(store, NAMES[0]).town == "Wittlich"
    cs = changesets.get(store, batch)
    assert cs is not None and len(cs.undo["conflicts"]) == 1, "still open"
    kept = operations.decide_undo_conflicts(store, batch, {f"{actor.id}|town": "keep"}, user="b")
    assert (kept.reset, kept.kept) == (0, 1) and _actor(store, NAMES[0]).town == "Wittlich"


WORLD = {"a": "VHS Trier", "b": "Stadtbibliothek", "c": "Caritas", "x": "Außenstehender Verein"}
"""The actors of the survey walk (tests/integration/test_surveys.py)."""
WORLD_ROW = st.tuples(
    st.sampled_from(sorted(WORLD)), st.sampled_from(PHONES), st.sampled_from(TOWNS)
)
MIXED_STEP = st.one_of(
    st.tuples(
        st.just("csv"), st.lists(WORLD_ROW, min_size=1, max_size=3, unique_by=lambda r: r[0])
    ),
    st.tuples(
        st.just("workbook"),
        st.tuples(
            st.sampled_from(sorted(WORLD.values())),
            st.sampled_from(("Ort", "Telefon")),
            st.sampled_from(("Trier", "0651 9")),
        ),
    ),
    st.tuples(st.just("survey"), st.tuples(st.sampled_from("ab"), st.integers(0, 6))),
    st.tuples(
        st.just("merge"), st.tuples(st.sampled_from(sorted(WORLD)), st.sampled_from(sorted(WORLD)))
    ),
)


def _world_csv(rows: list[tuple[str, str, str]]) -> bytes:
    lines = ["Name;Art;Telefon;Ort"] + [f"{WORLD[a]};Sonstige;{p};{t}" for a, p, t in rows]
    return "\n".join(lines).encode("utf-8")


def _mixed_step(store: graph.Store, survey: Any, kind: str, arg: Any) -> str:
    """One step of the mixed sequence; the changeset's id, or "" if it changed nothing."""
    from netzwerk.graph.surveys import review
    from tests.integration.test_surveys import decide_shown

    if kind == "merge":
        keep, dup = arg
        return operations.merge_actors(store, keep, dup, user="u").changeset
    if kind == "survey":
        actor, i = arg
        queue = {r.actor_id: r for r in review.queue(store, survey)}
        pending = sorted(p.key for p in queue[actor].pending) if actor in queue else []
        keys = pending if i >= len(pending) else [pending[i]]  # past the end: all of them
        if not keys:
            return ""
        return decide_shown(store, survey, queue[actor].id, keys, accept=True, user="u").changeset
    if kind == "csv":
        table = imports.read_table(_world_csv(arg), "welt.csv")
        plan = imports.dry_run(store, table, "actors", imports.guess(table.headers, "actors"))
    else:
        plan = _workbook_edit(store, *arg)
    if plan.undecided or plan.blocking or not plan.writes:
        return ""
    return operations.commit_import(store, plan, user="u").batch


def _ledger(store: graph.Store) -> list[str]:
    return sorted(
        repr((c.person_id, c.type, c.source))
        for p in ("pa", "pb")
        for c in consent.for_person(store, p)
    )


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(MIXED_STEP, min_size=2, max_size=5), seed=st.integers(0, 2**16))
def test_imports_workbooks_survey_accepts_and_merges_undone_in_random_order(
    store: graph.Store, steps: list[Step], seed: int
) -> None:
    """Any sequence of imports, workbook round trips, survey accepts and merges, undone in a
    random order, ends exactly where it started (records, links, consent ledger, open
    proposals). An undo asked for while a later merge still builds on its records is
    refused and done once that merge is undone."""
    from netzwerk.graph.surveys import review
    from tests.integration.test_surveys import _walk

    graph.wipe(store)
    survey, _toks = _walk(store)
    start, ledger = _state(store), _ledger(store)
    pending = {r.actor_id: {p.key for p in r.pending} for r in review.queue(store, survey)}
    done = []
    for kind, arg in steps:
        try:
            cs_id = _mixed_step(store, survey, kind, arg)
        except (graph.NotFoundError, graph.ConflictError, graph.ValidationError):
            continue  # a merge of an actor merged away, of an actor with itself, …
        if cs_id:
            done.append(cs_id)
            event(f"changeset: {kind}")
    event(f"changesets: {len(done)}")
    todo = random.Random(seed).sample(done, len(done))
    while todo:
        refused = []
        for batch in todo:
            try:
                undone = operations.undo_import(store, batch, user="u")
            except graph.ConflictError:
                refused.append(batch)
                event("undo refused while a later merge builds on it")
                continue
            assert undone.conflicts == [], (steps, undone)
        assert len(refused) < len(todo), ("nothing could be undone", steps)
        todo = refused
    assert _state(store) == start, steps
    assert _ledger(store) == ledger, steps
    again = {r.actor_id: {p.key for p in r.pending} for r in review.queue(store, survey)}
    assert again == pending, steps


def test_an_undo_waits_for_a_later_merge_that_builds_on_it(store: graph.Store) -> None:
    """B merged into A, then A into C: the first merge is undone after the second (whose
    undo brings A back), never before it — else A would come back with B's fields."""
    ids = [
        graph.create_record(store, graph.Actor(name=n, kind="Schule", town=t), user="t").id
        for n, t in (("A", ""), ("B", "Konz"), ("C", ""))
    ]
    graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id=ids[1], to_id=ids[2], kind="Gremienarbeit"),
        user="t",
    )
    start = _state(store)
    first = operations.merge_actors(store, ids[0], ids[1], user="u").changeset
    second = operations.merge_actors(store, ids[2], ids[0], user="u").changeset
    with pytest.raises(graph.ConflictError, match="später"):
        operations.undo_import(store, first, user="u")
    assert changesets.get(store, first).state == "applied"  # type: ignore[union-attr]
    for batch in (second, first):
        assert operations.undo_import(store, batch, user="u").conflicts == []
    assert _state(store) == start


def test_erasure_sweeps_a_name_a_changeset_replaced(store: graph.Store) -> None:
    """A workbook renames a person: the rename stands in the changeset's one (folded) history
    entry of the person, and the erasure still finds the former name to sweep it from free
    text."""
    p = graph.create_record(
        store,
        graph.Person(first_name="Gerda", last_name="Früher-Name", legal_basis="Einwilligung"),
        user="t",
    )
    office = graph.create_record(
        store,
        graph.Actor(name="Amt für Schulen", kind="Verwaltung", notes="Rückruf: Gerda Früher-Name"),
        user="t",
    )
    data = operations.export_workbook(store, filters.Filter(), user="t")
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Personen"]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[headers.index("Nachname")].value == "Früher-Name":
            row[headers.index("Nachname")].value = "Heute-Name"
    out = io.BytesIO()
    wb.save(out)
    sheets = imports.read_workbook(out.getvalue(), "netzwerk.xlsx")
    plan = imports.dry_run_workbook(
        store, sheets, "netzwerk.xlsx", choices=imports.Choices(role="admin")
    )
    operations.commit_import(store, plan, user="u")
    assert graph.get(store, graph.Person, p.id).last_name == "Heute-Name"  # the check can fail
    stored = store.read("history/for_record", record_id=p.id, limit=100)
    assert any(r["change"]["action"] == history.FOLDED for r in stored)
    operations.erase_person(store, p.id, user="admin")
    assert "Früher-Name" not in (graph.get(store, graph.Actor, office.id).notes or "")
