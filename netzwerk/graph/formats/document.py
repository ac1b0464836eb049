"""A printable document as plain blocks, written by :mod:`.document_pdf` and
:mod:`.document_docx`.

The Netzwerkbericht is said once (:mod:`.report_content`) and written in two formats: a
PDF to hand out and a DOCX that offices paste into their Bildungsbericht and edit in Word or
LibreOffice. The blocks are what both formats can express: headings, paragraphs, a finding
with what to do about it, tables and pictures (ReportLab drawings: vector in the PDF, PNG in
the DOCX).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing


@dataclass(frozen=True)
class Text:
    """A paragraph; ``style`` is ``body``, ``small`` (explanations) or ``note`` (a remark
    the reader must not miss, e.g. that the current year is still running)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Finding:
    """A numbered finding and what to do about it (``todo`` after the bold ``todo_label``)."""

    number: int
    text: str
    todo: str
    todo_label: str


@dataclass(frozen=True)
class Table:
    """Rows of already formatted cells; ``numeric`` columns are right-aligned."""

    rows: Sequence[tuple[str, ...]]
    header: tuple[str, ...] = ()
    caption: str = ""
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Picture:
    """A drawing with its caption; ``width`` and ``height`` are in points."""

    drawing: Drawing
    caption: str


Block = Text | Finding | Table | Picture


def column_shares(t: Table, longest: int = 40, shortest: int = 6) -> list[float]:
    """Each column's share of the table's width, by its longest cell (header included,
    capped at ``longest`` characters, at least ``shortest``, plus two): names get the room, numbers
    what they need. Word processors split a table evenly otherwise, which wraps the
    first column of a figures table into four lines beside empty number columns.

    Examples
    --------
    >>> [round(s, 2) for s in column_shares(Table([("Kooperationen je Akteur", "4,36")]))]
    [0.76, 0.24]
    """
    rows = [r for r in (t.header, *t.rows) if r]
    columns = max((len(r) for r in rows), default=0)
    widths = [  # two characters more for the cell's padding and a bold header
        2 + min(longest, max(shortest, *(len(r[i]) for r in rows if i < len(r))))
        for i in range(columns)
    ]
    total = sum(widths)
    return [w / total for w in widths]


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    title: str
    meta: str
    """The line under the title: date, filter, when it was made."""
    sections: list[Section] = field(default_factory=list)
    author: str = "netzwerk"
    language: str = "de"
