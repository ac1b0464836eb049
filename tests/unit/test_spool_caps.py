"""The upload spool counts everything it stores and does not let a few users block it.

The attack: a 4.7 MB CSV became a 91 MB file after the dry run, and the dry run's write-back
ignored the 512 MB cap; two users with three pending uploads each blocked imports for
everyone for up to an hour.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from netzwerk.graph.imports import spool


def _item(owner: str, size: int = 10) -> spool.Pending:
    return spool.Pending(owner=owner, table=["x" * size], kind="partners")


def _noise(size: int) -> list[bytes]:
    return [os.urandom(size)]  # does not compress


def test_the_dry_run_write_back_counts_against_the_cap(tmp_path: Path) -> None:
    s = spool.Spool(tmp_path, total_bytes=200_000)
    uid = s.put(_item("eva"))
    item = s.get(uid, "eva")
    assert item is not None
    item.plan = _noise(300_000)
    with pytest.raises(spool.SpoolFullError):
        s.update(uid, item)
    kept = s.get(uid, "eva")
    assert kept is not None and kept.plan is None  # the stored step is still there
    assert s.usage()[1] < 200_000


def test_one_upload_may_not_take_more_than_its_share(tmp_path: Path) -> None:
    s = spool.Spool(tmp_path, total_bytes=400_000, max_item_bytes=100_000)
    with pytest.raises(spool.SpoolFullError, match="zu groß"):
        s.put(spool.Pending(owner="eva", table=_noise(150_000), kind="partners"))
    assert s.usage() == (0, 0)


def test_stored_files_are_compressed(tmp_path: Path) -> None:
    s = spool.Spool(tmp_path)
    uid = s.put(spool.Pending(owner="eva", table=["Kita Sonne;Trier;54290"] * 50_000, kind="p"))
    assert s.usage()[1] < 100_000  # about 1.2 MB as a plain pickle
    item = s.get(uid, "eva")
    assert item is not None and len(item.table) == 50_000


def test_idle_uploads_of_others_give_way_instead_of_blocking_everyone(tmp_path: Path) -> None:
    s = spool.Spool(tmp_path, total_bytes=250_000)
    for owner in ("eva", "ole"):
        for _ in range(3):
            s.put(spool.Pending(owner=owner, table=_noise(35_000), kind="p"))
    assert s.usage()[0] == 6
    past = time.time() - spool.IDLE_SECONDS - 60
    for path in tmp_path.iterdir():
        os.utime(path, (past, past))
    uid = s.put(spool.Pending(owner="ida", table=_noise(60_000), kind="p"))
    assert s.get(uid, "ida") is not None
    assert s.usage()[1] <= 250_000


def test_fresh_uploads_are_not_evicted(tmp_path: Path) -> None:
    s = spool.Spool(tmp_path, total_bytes=100_000)
    s.put(spool.Pending(owner="eva", table=_noise(45_000), kind="p"))
    s.put(spool.Pending(owner="ole", table=_noise(45_000), kind="p"))
    with pytest.raises(spool.SpoolFullError, match="zu viele"):
        s.put(spool.Pending(owner="ida", table=_noise(45_000), kind="p"))
    assert s.usage()[0] == 2


def test_admin_sees_and_clears_pending_uploads(tmp_path: Path) -> None:
    s = spool.Spool(tmp_path)
    a = s.put(_item("eva"))
    s.put(_item("ole"))
    listed = s.entries()
    assert {e.owner_tag for e in listed} == {spool.owner_tag("eva"), spool.owner_tag("ole")}
    assert all(e.bytes > 0 and e.modified > 0 for e in listed)
    assert s.clear(a) == 1 and s.get(a, "eva") is None
    assert s.clear() == 1 and s.usage() == (0, 0)
    assert s.clear("../../etc/passwd") == 0
