"""The order in which an undo works through a changeset's history: every link once, a record
only after all of its links, connected records in one block, blocks within the transaction
size (hubs split across blocks). The undo's correctness against the database is tested with
random sequences in tests/integration/test_changesets.py; this checks the order alone on
shapes the partner lists do not have."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from netzwerk.graph.operations import import_undo
from netzwerk.graph.records.history import Change

AT = datetime(2026, 1, 1, tzinfo=UTC)


def _link(n: int, a: str, b: str) -> Change:
    part = {"type": "COOPERATES_WITH", "id": f"l{n}", "other": b, "other_label": "Actor"}
    return Change(
        "link", "Actor", a, a, {"link": {**part, "direction": "out"}}, id=f"c{n}", at=AT, user="u"
    )


def _create(record: str) -> Change:
    return Change("create", "Actor", record, record, {}, id=f"n-{record}", at=AT, user="u")


pairs = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 60)).filter(lambda p: p[0] != p[1]),
    max_size=300,
    unique=True,
)


@settings(max_examples=60, deadline=None)
@given(pairs=pairs, created=st.sets(st.integers(0, 70)), size=st.sampled_from([5, 40, 2_500]))
def test_every_link_once_and_each_record_after_its_links(
    pairs: list[tuple[int, int]], created: set[int], size: int
) -> None:
    entries = [_create(f"a{i}") for i in sorted(created)]
    entries += [_link(n, f"a{a}", f"a{b}") for n, (a, b) in enumerate(pairs)]
    original = import_undo.PER_TRANSACTION
    import_undo.PER_TRANSACTION = size
    try:
        blocks = list(import_undo._work(entries))
        groups = import_undo._groups(entries)
    finally:
        import_undo.PER_TRANSACTION = original
    order = [(kind, e) for block in blocks for kind, _, chunk in block for e in chunk]
    link_ids = [str(e.link["id"]) for kind, e in order if kind == "links" and e.link]
    assert sorted(link_ids) == sorted(f"l{n}" for n in range(len(pairs)))
    assert sorted(e.record_id for kind, e in order if kind == "nodes") == sorted(
        f"a{i}" for i in created
    )
    last_link: dict[str, int] = {}
    for at, (kind, e) in enumerate(order):
        if kind == "links" and e.link:
            last_link[e.record_id] = last_link[str(e.link["other"])] = at
    for at, (kind, e) in enumerate(order):
        if kind == "nodes":
            assert last_link.get(e.record_id, -1) < at, e.record_id
    # transactions are whole blocks in order, within the size unless one block is larger
    sizes = [sum(len(chunk) for _, _, chunk in block) for block in blocks]
    for group in groups:
        n = sum(len(chunk) for _, _, chunk in group)
        taken, whole = 0, 0
        while taken < n:
            taken += sizes.pop(0)
            whole += 1
        assert taken == n
        assert n <= size or whole == 1
    assert not sizes


def test_records_linked_to_each_other_share_a_block_unless_through_a_hub() -> None:
    # pairs (person, actor) linked to each other and each actor to one hub (a topic)
    entries = []
    n = 0
    for i in range(300):
        entries += [_link(n, f"p{i}", f"a{i}"), _link(n + 1, f"a{i}", "topic")]
        n += 2
    original = import_undo.PER_TRANSACTION
    import_undo.PER_TRANSACTION = 100
    try:
        blocks = import_undo._link_blocks(entries)
    finally:
        import_undo.PER_TRANSACTION = original
    assert len(blocks) == 6  # 600 links in blocks of 100: the hub did not join them all
    block_of: dict[str, set[int]] = {}
    for number, block in enumerate(blocks):
        for e in block:
            for end in (e.record_id, str((e.link or {})["other"])):
                block_of.setdefault(end, set()).add(number)
    assert all(len(block_of[f"p{i}"] | block_of[f"a{i}"]) == 1 for i in range(300))
    assert len(block_of["topic"]) == 6
