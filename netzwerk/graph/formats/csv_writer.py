"""CSV as German Excel opens it by double-click: UTF-8 with BOM, ``;`` and CRLF.

Excel in a German locale splits on ``;`` (the list separator, because ``,`` is the decimal
mark) and only recognises UTF-8 when the file starts with a byte-order mark; without it,
umlauts come out as mojibake. ``,`` is selectable for other tools.
"""

from __future__ import annotations

import csv
import io

from netzwerk.graph.formats.common import COLUMNS, ContactRow, table

DELIMITERS = (";", ",")


def write_rows(cells: list[list[str]], *, delimiter: str = ";") -> bytes:
    """Serialise a table (header first) as BOM-prefixed UTF-8 CSV with CRLF line ends."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"unsupported delimiter {delimiter!r}")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(cells)
    return buf.getvalue().encode("utf-8-sig")


def write_csv(
    rows: list[ContactRow],
    *,
    delimiter: str = ";",
    columns: tuple[tuple[str, str], ...] = COLUMNS,
) -> bytes:
    """The contact list as CSV; cells that look like formulas are neutralised."""
    return write_rows(table(rows, columns), delimiter=delimiter)
