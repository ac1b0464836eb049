"""Pending uploads wait on disk, not in memory: 0600 files in a 0700
folder, at most three per user, a cap in total, expiry after an hour; and malformed XLSX
uploads get the German message, never a 500."""

from __future__ import annotations

import gc
import io
import os
import stat
import time
from typing import Any

from netzwerk.graph import imports
from netzwerk.graph.imports import spool
from netzwerk.web import import_wizard
from tests import xlsx_craft
from tests.conftest import csrf_token

CSV = b"Name;Ort\nKita Sonne;Trier\nVHS Nord;Konz\n"


def _upload(client: Any, data: bytes, name: str = "akteure.csv") -> Any:
    return client.post(
        "/import",
        data={"csrf_token": csrf_token(client, "/import"), "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _spool(app: Any) -> spool.Spool:
    with app.app_context():
        return import_wizard.get_spool()


def test_upload_is_spooled_to_a_private_file_and_not_kept_in_memory(
    app: Any, make_client: Any
) -> None:
    editor = make_client("editor")
    resp = _upload(editor, CSV)
    assert resp.status_code == 302 and "/zuordnung" in resp.headers["Location"]
    folder = _spool(app).folder
    files = list(folder.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, imports.Table)]
    assert not alive, "an uploaded table is still held in memory between the steps"
    # The wizard goes on from the spooled file.
    mapping = editor.get(resp.headers["Location"])
    assert mapping.status_code == 200 and "Kita Sonne" in mapping.get_data(as_text=True)


def test_each_user_keeps_at_most_three_pending_uploads(app: Any, make_client: Any) -> None:
    editor, other = make_client("editor"), make_client("admin")
    first = _upload(editor, CSV).headers["Location"]
    for _ in range(3):
        assert _upload(editor, CSV).status_code == 302
    assert _upload(other, CSV).status_code == 302
    assert _spool(app).usage()[0] == 4  # three of the editor's, one of the admin's
    gone = editor.get(first)
    assert gone.status_code == 302 and gone.headers["Location"].endswith("/import")
    assert "nicht mehr vorhanden" in editor.get("/import").get_data(as_text=True)


def test_the_spool_as_a_whole_is_capped(app: Any, make_client: Any) -> None:
    editor = make_client("editor")
    assert _upload(editor, CSV).status_code == 302
    one = _spool(app).usage()[1]  # what is stored is counted, the new upload included
    app.extensions["netzwerk_spool"] = spool.Spool(_spool(app).folder, total_bytes=one + 10)
    refused = _upload(make_client("admin"), CSV)
    assert refused.status_code == 400
    assert "zu viele unfertige Importe" in refused.get_data(as_text=True)


def test_uploads_expire_after_an_hour_without_use(app: Any, make_client: Any) -> None:
    editor = make_client("editor")
    location = _upload(editor, CSV).headers["Location"]
    folder = _spool(app).folder
    (path,) = list(folder.iterdir())
    old = time.time() - spool.KEEP_SECONDS - 5
    os.utime(path, (old, old))
    assert editor.get(location).status_code == 302
    assert not path.exists()


def test_other_users_cannot_open_a_pending_upload(app: Any, make_client: Any) -> None:
    location = _upload(make_client("editor"), CSV).headers["Location"]
    thief = make_client("admin")
    assert thief.get(location).status_code == 302
    assert _spool(app).usage()[0] == 1  # still there for its owner


def test_malformed_xlsx_uploads_get_the_german_message(make_client: Any) -> None:
    editor = make_client("editor")
    for data in (
        xlsx_craft.xxe(),
        xlsx_craft.billion_laughs(),
        xlsx_craft.formula_cells(),
        xlsx_craft.broken_zip(),
        xlsx_craft.dimension_bomb(),
    ):
        resp = _upload(editor, data, "liste.xlsx")
        assert resp.status_code == 400
        text = resp.get_data(as_text=True)
        assert "kann aber nicht geöffnet werden" in text or "angelegt" in text


def test_admins_see_and_clear_pending_uploads(app: Any, make_client: Any) -> None:
    editor, admin = make_client("editor"), make_client("admin")
    first = _upload(editor, CSV).headers["Location"]
    _upload(editor, CSV)
    assert make_client("editor").get("/verwaltung/importe").status_code == 403
    page = admin.get("/verwaltung/importe")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and text.count('name="uid"') == 2 and ">editor<" in text
    assert "Kita Sonne" not in text  # the content is never shown
    uid = _spool(app).entries()[-1].uid
    token = csrf_token(admin, "/verwaltung/importe")
    admin.post("/verwaltung/importe/verwerfen", data={"csrf_token": token, "uid": uid})
    assert _spool(app).usage()[0] == 1
    assert editor.get(first).status_code == 302  # the oldest one is gone for its owner too
    admin.post("/verwaltung/importe/verwerfen", data={"csrf_token": token})
    assert _spool(app).usage()[0] == 0
