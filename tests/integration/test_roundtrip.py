"""Data that goes round comes back identical: delete → undo, backup → restore, update →
history, for every node kind, every relationship type and every field type (hypothesis,
against the real Neo4j).

The version rule: an undo puts the record (and each of its links) back with the same id,
fields and ``created``; its version is one higher than when it was deleted and ``updated``
is the time of the undo (a restore is a change, so a form opened before the delete cannot
overwrite the restored record unnoticed). A restore from a backup keeps everything,
version and ``updated`` included.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph import operations
from netzwerk.graph.admin import backup
from netzwerk.graph.core import codec, model
from netzwerk.graph.records import history
from tests.strategies import comparable, link_fields, records

ROUND = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
KINDS = list(graph.LABELS.values())
SIMPLE = {
    "Actor": lambda: graph.Actor(name="Nachbar", kind="Sonstige"),
    "Person": lambda: graph.Person(last_name="Nachbarin"),
    "Alliance": lambda: graph.Alliance(name="Nachbarbündnis"),
    "Project": lambda: graph.Project(name="Nachbarprojekt"),
    "Topic": lambda: graph.Topic(name="Nachbarthema"),
    "Stage": lambda: graph.Stage(name="Nachbarstufe", order=3),
    "TargetGroup": lambda: graph.TargetGroup(name="Nachbargruppe"),
    "Region": lambda: graph.Region(name="Nachbarregion"),
}


def _neighbour(store: graph.Store, label: str) -> graph.Node:
    return graph.create_record(store, SIMPLE[label](), user="test")


def _assert_types(obj: object) -> None:
    """Every value has its field's declared type (a date never comes back as a datetime)."""
    for name, kind in codec.field_kinds(type(obj)).items():
        value = getattr(obj, name)
        if value is None:
            continue
        if kind == "date":
            assert type(value) is date, (name, value)
        elif kind == "datetime":
            assert isinstance(value, datetime) and value.tzinfo is not None, (name, value)
        elif kind == "int":
            assert type(value) is int, (name, value)
        elif kind == "bool":
            assert type(value) is bool, (name, value)


def _link_everything(
    store: graph.Store, node: graph.Node, data: st.DataObject
) -> dict[str, graph.Link]:
    """Give ``node`` one link of every type it can have, with random field values."""
    out = {}
    for spec in graph.LINK_TYPES.values():
        for outgoing in (True, False):
            mine, theirs = (
                (spec.sources, spec.targets) if outgoing else (spec.targets, spec.sources)
            )
            if node.LABEL not in mine or (spec.symmetric and not outgoing):
                continue
            other = _neighbour(store, theirs[0])
            ends = (node.id, other.id) if outgoing else (other.id, node.id)
            link = graph.Link(
                type=spec.type,
                from_id=ends[0],
                to_id=ends[1],
                **data.draw(link_fields(spec.type), label=spec.type),
            )
            created = graph.create_link(store, link, user="test")
            out[created.id] = created
    return out


@pytest.mark.parametrize("cls", KINDS, ids=[c.LABEL for c in KINDS])
@ROUND
@given(data=st.data())
def test_delete_then_undo_gives_the_identical_record_and_links(
    store: graph.Store, cls: type[graph.Node], data: st.DataObject
) -> None:
    graph.wipe(store)
    created = graph.create_record(store, data.draw(records(cls)), user="test")
    links = _link_everything(store, created, data)
    assert links or cls in model.DATA_CLASSES, "every record kind has relationships"
    before = {lk.id: lk for lk in graph.links_of(store, cls.LABEL, created.id)}

    result = graph.delete_record(store, cls, created.id, user="test")
    assert len(result.deleted.links) == len(before)
    undone = graph.undo(store, result.trash_id, user="test", role="admin")
    assert undone.skipped == [] and len(undone.restored) == len(before)

    back = graph.get(store, cls, created.id)
    assert comparable(back) == comparable(created)
    assert back.version == created.version + 1
    _assert_types(back)
    after = {lk.id: lk for lk in graph.links_of(store, cls.LABEL, created.id)}
    assert after.keys() == before.keys()
    for link_id, link in before.items():
        assert comparable(after[link_id]) == comparable(link)
        assert after[link_id].version == link.version + 1
        _assert_types(after[link_id])


@pytest.mark.parametrize("type_name", list(graph.LINK_TYPES))
@ROUND
@given(data=st.data())
def test_link_delete_then_undo_is_identity(
    store: graph.Store, type_name: str, data: st.DataObject
) -> None:
    graph.wipe(store)
    spec = graph.LINK_TYPES[type_name]
    a = _neighbour(store, spec.sources[0])
    b = _neighbour(store, spec.targets[-1])
    link = graph.create_link(
        store,
        graph.Link(type=type_name, from_id=a.id, to_id=b.id, **data.draw(link_fields(type_name))),
        user="test",
    )
    removed = graph.delete_link(store, type_name, link.id, user="test")
    undone = graph.undo(store, removed.trash_id, user="test", role="editor")
    assert undone.link is not None and undone.link.id == link.id
    back = graph.get_link(store, type_name, link.id)
    assert comparable(back) == comparable(link) and back.version == link.version + 1
    _assert_types(back)


def _world(store: graph.Store, data: st.DataObject) -> list[graph.Node]:
    """One random record of every kind, each with links of every type it can have."""
    made = []
    for cls in KINDS:
        node = graph.create_record(store, data.draw(records(cls), label=cls.LABEL), user="test")
        _link_everything(store, node, data)
        made.append(node)
    return made


@ROUND
@given(data=st.data())
def test_backup_wipe_restore_gives_the_identical_graph(
    store: graph.Store, data: st.DataObject
) -> None:
    graph.wipe(store)
    made = _world(store, data)
    digest = backup.checksum(store)
    links = {lk.id: lk for node in made for lk in graph.links_of(store, node.LABEL, node.id)}
    buf = io.StringIO()
    backup.write(store, buf)
    graph.wipe(store)
    operations.restore_backup(store, backup.read(io.StringIO(buf.getvalue())))
    assert backup.checksum(store) == digest
    for node in made:
        back = graph.get(store, type(node), node.id)
        assert comparable(back) == comparable(node) and back.version == node.version
        _assert_types(back)
    for link_id, link in links.items():
        back_link = graph.get_link(store, link.type, link_id)
        assert back_link == link
        _assert_types(back_link)


@pytest.mark.parametrize("cls", KINDS, ids=[c.LABEL for c in KINDS])
@ROUND
@given(data=st.data())
def test_update_history_holds_old_and_new_values_of_every_field_type(
    store: graph.Store, cls: type[graph.Node], data: st.DataObject
) -> None:
    graph.wipe(store)
    created = graph.create_record(store, data.draw(records(cls)), user="test")
    wanted = data.draw(records(cls))
    saved = graph.update_record(
        store, dataclasses.replace(wanted, id=created.id, version=created.version), user="test"
    )
    entries = [e for e in history.for_record(store, created.id) if e.action == "update"]
    changed = {
        k
        for k in codec.field_kinds(cls)
        if k not in model.Node.META
        and getattr(created, k) != getattr(saved, k)
        and not (getattr(created, k) in ("", None) and getattr(saved, k) in ("", None))
    }
    if not changed:
        assert entries == []
        return
    (entry,) = entries
    assert set(entry.changes) == changed
    for name, (old, new) in entry.changes.items():
        assert codec.field_from_json(cls, name, old) == getattr(created, name)
        assert codec.field_from_json(cls, name, new) == getattr(saved, name)


# A stored moment as any office's backup may hold it: any offset, microsecond precision.
MOMENTS = st.datetimes(
    min_value=datetime(1900, 1, 1),
    max_value=datetime(2200, 12, 31),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-9, minutes=-30))]
    ),
)


@ROUND
@given(moment=MOMENTS)
@example(moment=datetime(1969, 1, 1, 0, 0, 0, 1000, tzinfo=UTC))  # before 1970, a fraction
@example(moment=datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC))
@example(moment=datetime(1970, 1, 1, tzinfo=timezone(timedelta(hours=1))))
def test_moments_read_as_microseconds_are_the_stored_moments(
    store: graph.Store, moment: datetime
) -> None:
    """The bulk reads of an import and its undo take ``updated`` and ``at`` as microseconds
    since 1970 (codec.from_micros); they must give the same moment the driver gives."""
    graph.wipe(store)
    a = graph.create_record(store, graph.Actor(name="A", kind="Schule"), user="test")
    b = graph.create_record(store, graph.Actor(name="B", kind="Schule"), user="test")
    link = graph.create_link(
        store,
        graph.Link(type="COOPERATES_WITH", from_id=a.id, to_id=b.id, kind="Gremienarbeit"),
        user="test",
    )
    store.driver.execute_query(
        "MATCH ()-[r {id: $id}]->() SET r.updated = $moment "
        "WITH 1 AS one MATCH (c:Change) SET c.at = $moment, c.batch = 'b-1'",
        id=link.id,
        moment=moment,
        database_=store.database,
    )
    rows = store.read("imports/current_links", {"type": "COOPERATES_WITH"}, ids=[link.id])
    assert codec.link_from_row(rows[0]).updated == moment
    assert graph.links_of(store, "Actor", a.id)[0].updated == moment  # the driver's reading
    entries = history.of_batch(store, "b-1")
    assert entries and all(e.at == moment for e in entries)
