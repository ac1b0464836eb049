"""Address list for mail merge (Serienbrief) in Word or LibreOffice Writer.

Five columns: ``Anrede`` (the salutation line, see :attr:`ContactRow.salutation`), then
``Name``, ``Organisation``, ``Straße``, ``PLZ Ort`` — the lines of a German letter address
block (DIN 5008), in the same CSV dialect as the contact export (UTF-8 with BOM, ``;``,
CRLF), which both word processors read as a data source.
Contacts without any postal address are left out, since a letter cannot reach them.
"""

from __future__ import annotations

from netzwerk.graph.formats.common import ContactRow, table
from netzwerk.graph.formats.csv_writer import write_rows

MAILMERGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Anrede", "salutation"),
    ("Name", "name"),
    ("Organisation", "organisation"),
    ("Straße", "street"),
    ("PLZ Ort", "place"),
)


def has_address(row: ContactRow) -> bool:
    return bool(row.street and (row.postcode or row.town))


def write_mailmerge(rows: list[ContactRow], *, delimiter: str = ";") -> bytes:
    """The address block columns of every contact with a postal address."""
    return write_rows(
        table([r for r in rows if has_address(r)], MAILMERGE_COLUMNS), delimiter=delimiter
    )
