"""House rules that a grep can check, so that they stay true after the next change."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *(ROOT / "netzwerk").rglob("*.py"),
    *(ROOT / "netzwerk" / "web" / "templates").rglob("*.html"),
    *(p for p in (ROOT / "netzwerk" / "web" / "static" / "js").glob("*.js")),
    *(ROOT / "tests").rglob("*.py"),
    *(ROOT / "bench").rglob("*.py"),
    *(ROOT / "cypher").rglob("*.cypher"),
    *(ROOT / "docs").glob("*.md"),
    ROOT / "README.md",
]
THIS = Path(__file__).resolve()


def _hits(pattern: re.Pattern[str], files: list[Path]) -> list[str]:
    out = []
    for path in files:
        if path.resolve() == THIS:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                out.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    return out


def test_no_tracker_numbers() -> None:
    """A reader of the repository has no tracker: say what a thing is, not its number."""
    tracker = re.compile(r"\b[Ii]ssues? #?\d+|\bdefects? \d+\b|\(#\d+\)")
    assert _hits(tracker, SOURCES) == []


def test_no_attachment_header_built_by_hand() -> None:
    """Every download goes through ``web/downloads.attachment`` (``send_file``), which
    encodes any file name; a hand-built header breaks on the first non-Latin-1 letter."""
    web = [p for p in (ROOT / "netzwerk").rglob("*.py") if p.name != "downloads.py"]
    assert _hits(re.compile(r"Content-Disposition"), web) == []
