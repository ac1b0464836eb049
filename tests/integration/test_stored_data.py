"""The checksum the hostile-input tests and the URL walk compare: reused while the database
commits nothing, read again (and different) after a write."""

from __future__ import annotations

import dataclasses

import pytest

from netzwerk import graph
from tests import stored_data


def test_the_checksum_is_read_again_only_after_a_commit(
    store: graph.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = graph.create_record(store, graph.Actor(name="Prüfsumme", kind="Schule"), user="t")
    first = stored_data.data_checksum(store)
    full = stored_data.full_checksum
    reads: list[str] = []

    def counted(s: graph.Store) -> str:
        reads.append(full(s))
        return reads[-1]

    monkeypatch.setattr(stored_data, "full_checksum", counted)
    assert stored_data.data_checksum(store) == first and reads == []  # nothing committed
    graph.update_record(store, dataclasses.replace(actor, notes="neu"), user="t")
    second = stored_data.data_checksum(store)
    assert second != first and reads == [second]
    assert stored_data.data_checksum(store) == second and len(reads) == 1
