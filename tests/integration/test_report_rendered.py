"""The Netzwerkbericht's editable formats as offices see them: the DOCX and the ODT of the
demo region converted to PDF by LibreOffice (``make test`` installs
``libreoffice-writer-nogui``), every page rendered to PNG in ``build/report-pages/`` to be
looked at, and checked: the text as written, nothing beyond the page's margins (tables,
pictures), no page left half empty before the last, every picture drawn large."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from netzwerk import graph
from netzwerk.graph.admin import seed
from netzwerk.graph.analysis import source
from netzwerk.graph.network.filters import Filter
from tests.browser.conftest import publish

PAGES = Path(__file__).resolve().parents[2] / "build" / "report-pages"
SCALE = 1.5
MARGIN = 2 / 2.54 * 72 * SCALE
"""The 2 cm page margin in pixels of the rendered page."""


@pytest.fixture
def demo(store: graph.Store) -> graph.Store:
    seed.load(store)
    return store


def _office_pdf(body: bytes, suffix: str, folder: Path) -> bytes:
    """``body`` converted to PDF by LibreOffice, with a profile of its own (a running
    LibreOffice of the user, or a parallel test, would otherwise take the job)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.exit(
            "LibreOffice fehlt: `make test` installiert libreoffice-writer-nogui "
            "(apt-get install --no-install-recommends libreoffice-writer-nogui).",
            returncode=3,
        )
    source_file = folder / f"bericht.{suffix}"
    source_file.write_bytes(body)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source_file),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return (folder / "bericht.pdf").read_bytes()


def _darkest(image: Image.Image) -> int:
    """The darkest grey of a greyscale image (0 black, 255 white)."""
    low, _high = image.getextrema()
    return int(low)  # type: ignore[arg-type]


def _ink_rows(image: Image.Image) -> list[int]:
    grey = image.convert("L")
    return [y for y in range(grey.height) if _darkest(grey.crop((0, y, grey.width, y + 1))) < 200]


def _pages(pdf: bytes, stem: str) -> list[tuple[str, Image.Image]]:
    PAGES.mkdir(parents=True, exist_ok=True)
    doc = pypdfium2.PdfDocument(pdf)
    out = []
    for i, page in enumerate(doc, start=1):
        picture = page.render(scale=SCALE).to_pil()
        picture.save(PAGES / f"{stem}-{i}.png")
        out.append((page.get_textpage().get_text_range(), picture))
    doc.close()
    return out


def _check(pages: list[tuple[str, Image.Image]], findings: int) -> None:
    text = re.sub(r"\s+", " ", " ".join(t for t, _ in pages))
    assert text.count("Was tun?") == findings
    for heading in ("Netzwerkbild", "Kennzahlen", "Die wichtigsten Lücken", "Bündnisse"):
        assert heading in text
    assert re.search(r"Dichte \d+,\d %", text)  # German decimal comma
    for number, (_, image) in enumerate(pages, start=1):
        grey = image.convert("L")
        right = grey.crop((int(grey.width - MARGIN * 0.6), 0, grey.width, grey.height))
        left = grey.crop((0, 0, int(MARGIN * 0.6), grey.height))
        assert _darkest(right) >= 200, f"page {number}: ink beyond the right margin"
        assert _darkest(left) >= 200, f"page {number}: ink beyond the left margin"
    # no page left half empty: a heading is kept with its table or picture, and a picture
    # of 10 cm that does not fit moves to the next page, as a word processor does it
    used = [max(_ink_rows(image), default=0) / image.height for _, image in pages]
    assert all(share >= 0.5 for share in used[:-1]), [round(u, 2) for u in used]


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_docx_and_odt_as_libreoffice_lays_them_out(
    demo: graph.Store, make_client, tmp_path: Path, fmt: str
) -> None:
    client = make_client("viewer")
    resp = client.get(f"/bericht.{fmt}")
    assert resp.status_code == 200
    pages = _pages(_office_pdf(resp.data, fmt, tmp_path), f"bericht-{fmt}")
    data, rep = source.report(demo, Filter())
    _check(pages, len(rep.findings(data.graph)))
    assert 4 <= len(pages) <= 30
    if fmt == "odt":
        publish(PAGES / "bericht-odt-1.png", "report-odt.png")


def test_the_change_chapter_as_libreoffice_lays_it_out(
    demo: graph.Store, make_client, tmp_path: Path
) -> None:
    """Compared with three years before, the demo region's dates say what changed: the
    chapter's tables stay inside the page and are read as written."""
    client = make_client("viewer")
    earlier = date.today().replace(year=date.today().year - 3, month=1, day=1)
    resp = client.get(f"/bericht.odt?von={earlier.isoformat()}")
    pages = _pages(_office_pdf(resp.data, "odt", tmp_path), "bericht-odt-veraenderung")
    number = next(i for i, (text, _) in enumerate(pages, 1) if "Was hat sich" in text)
    chapter = re.sub(r"\s+", " ", " ".join(t for t, _ in pages[number - 1 : number + 2]))
    assert f"Stand am {earlier.strftime('%d.%m.%Y')}" in chapter
    assert "Bündnismitglieder (" in chapter and "Kooperationen (" in chapter
    assert re.search(r"Kooperationen \d+ \d+ \+\d+", chapter), "figures then, now, more"
    data, rep = source.report(demo, Filter())
    _check(pages, len(rep.findings(data.graph)))
    lists = next(i for i, (text, _) in enumerate(pages, 1) if "Bündnismitglieder (" in text)
    publish(PAGES / f"bericht-odt-veraenderung-{lists}.png", "report-change-odt.png")
