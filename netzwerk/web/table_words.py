"""Download tables (CSV, XLSX) in the reader's language.

The graph layer writes its tables with German headers and sheet titles, marked ``N_`` where
they are defined, German vocabulary values in the cells and its own words through the
``tr`` it is given (:func:`tr`); the export views pass each table through :func:`translated`
so an English reader gets English headers, sheet names, actor kinds and yes/no, and write
CSV with :func:`csv` in the reader's number format. Names and other typed text stay as they
were entered.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from netzwerk import graph
from netzwerk.graph.analysis import tables
from netzwerk.web import locale_format

YES_NO = {"ja": True, "nein": False}


def _cell(cell: Any) -> Any:
    if isinstance(cell, str):
        if cell in YES_NO:
            return locale_format.yes_no(YES_NO[cell])
        if cell in graph.VOCABULARY_VALUES:
            return _(cell)
    return cell


def translated(table: list[list[Any]]) -> list[list[Any]]:
    """The header row translated, vocabulary values and yes/no in the body too."""
    if not table:
        return table
    head = [_(h) if isinstance(h, str) and h else h for h in table[0]]
    return [head, *([_cell(c) for c in row] for row in table[1:])]


def titles(sections: dict[str, str]) -> dict[str, str]:
    """Sheet titles in the reader's language."""
    return {key: _(title) for key, title in sections.items()}


def tr(text: str) -> str:
    """The graph layer's words in the reader's language (its ``tr`` argument)."""
    return str(_(text))


def csv(table: tables.Table) -> bytes:
    """A table as CSV in the reader's number format and separator (:func:`tables.to_csv`)."""
    return tables.to_csv(table, str(get_locale() or "de"))
