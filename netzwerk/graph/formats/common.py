"""The row every contact writer consumes, its columns, and formula-injection neutralisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from netzwerk.graph.core.greeting import greeting

# Spreadsheet programs treat a cell starting with one of these as a formula (or, for tab and
# CR, as a cell/row separator in some import paths). OWASP "CSV injection" recommends
# prefixing such cells with a single quote, which Excel and LibreOffice show as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix ``'`` to a cell that a spreadsheet would evaluate; other text is unchanged."""
    if value and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass
class ContactRow:
    """One person of a contact list; organisations of several jobs are joined in one row."""

    person_id: str
    title: str = ""
    form_of_address: str = ""
    """The stored salutation (Frau, Herr, divers or empty)."""
    first_name: str = ""
    last_name: str = ""
    function: str = ""
    organisations: list[str] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    street: str = ""
    postcode: str = ""
    town: str = ""

    @property
    def name(self) -> str:
        """Title, first and last name: the address line without a salutation."""
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def salutation(self) -> str:
        """The letter's greeting line (:func:`~netzwerk.graph.core.greeting.greeting`)."""
        return greeting(self.form_of_address, self.title, self.first_name, self.last_name)

    @property
    def organisation(self) -> str:
        return "; ".join(self.organisations)

    @property
    def place(self) -> str:
        return " ".join(p for p in (self.postcode, self.town) if p)


# (German header, attribute of ContactRow) for CSV and XLSX, in this order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Titel", "title"),
    ("Vorname", "first_name"),
    ("Nachname", "last_name"),
    ("Funktion", "function"),
    ("Organisation", "organisation"),
    ("E-Mail", "email"),
    ("Telefon", "phone"),
    ("Straße", "street"),
    ("PLZ", "postcode"),
    ("Ort", "town"),
)


def table(
    rows: list[ContactRow], columns: tuple[tuple[str, str], ...] = COLUMNS
) -> list[list[str]]:
    """Header plus one list of neutralised cells per row."""
    out = [[header for header, _ in columns]]
    out += [[neutralise(str(getattr(r, attr) or "")) for _, attr in columns] for r in rows]
    return out
