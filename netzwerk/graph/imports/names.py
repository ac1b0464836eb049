"""Person names as offices write them in one cell: "Frau Dr. Petra Hoffmann / Herr Ali Demir".

A contact cell of a partner list is written for people, not for a database: a salutation
("Frau", "Herr", "Hr."), academic titles before or after the name ("Prof. Dr.", "Dipl.-Ing.",
", M.A."), a function in brackets or in place of a first name ("Herr Konrektor Weber",
"Schmitt (Schulleitung)"), the family name first ("Müller, Eva"), and often two people
("A / B", "A und B", "A; B", "Herr und Frau Klein", "Eva und Peter Braun"). Reading the whole
cell as one first and last name put "Frau Renate" into first names and made one person of
two; this module parses such a cell into one :class:`Name` per person, so the salutation,
the title and the function land in their own fields and the dry run can show what it read.

Pure functions on strings. The rules are deliberately conservative: a comma splits two
people only when both sides look like full names (otherwise it is "Nachname, Vorname"), and
a word is a title or a function only when it is on the lists below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netzwerk.graph.core.values import fold

SALUTATION_WORDS: dict[str, str] = {
    "frau": "Frau",
    "fr": "Frau",
    "herr": "Herr",
    "herrn": "Herr",
    "hr": "Herr",
    "divers": "divers",
    "mx": "divers",
    "mrs": "Frau",
    "ms": "Frau",
    "mr": "Herr",
}
"""Folded salutation word → the stored salutation (Frau, Herr, divers)."""

_TITLE = re.compile(
    r"^(?:prof|dr|pd|apl|habil|h\.c|med|phil|rer|nat|pol|jur|oec|paed|theol|dent|vet|"
    r"dipl\.?-[\w.\-]+|dipl|mag|lic|ing|b\.?\s?a|m\.?\s?a|b\.?\s?sc|m\.?\s?sc|b\.?\s?ed|"
    r"m\.?\s?ed|ll\.?\s?m|mba|msc|bsc|meng|beng)\.?$",
    re.IGNORECASE,
)
_ROLE_WORDS = (
    "Rektor Rektorin Konrektor Konrektorin Schulleiter Schulleiterin Schulleitung "
    "Leiter Leiterin Leitung Abteilungsleiter Abteilungsleiterin Fachbereichsleitung "
    "Geschäftsführer Geschäftsführerin Geschäftsführung Vorsitzender Vorsitzende "
    "Vorstand Sekretariat Koordinator Koordinatorin Koordination Direktor Direktorin "
    "Bürgermeister Bürgermeisterin Beigeordneter Beigeordnete Referent Referentin "
    "Sachbearbeiter Sachbearbeiterin Bildungskoordinator Bildungskoordinatorin "
    "Studiendirektor Studiendirektorin Oberstudienrat Oberstudienrätin Lehrer "
    "Lehrerin Sozialarbeiter Sozialarbeiterin Schulsozialarbeit Erzieher Erzieherin "
    "Team Ansprechpartner Ansprechpartnerin Kontakt Info Zentrale Büro Verwaltung "
)
_FUNCTIONS = frozenset(fold(w) for w in _ROLE_WORDS.split())
"""Words that name a role, not a person ("Herr Konrektor", "Sekretariat")."""
_SPLIT = re.compile(
    r"\s*(?:;|\n|\r|\s/\s|(?<=[^\W\d_.])/(?=(?-i:[A-ZÄÖÜ]))|\s&\s|\s\+\s|\bund\b|\bu\.\s|\bsowie\b)\s*",
    re.I,
)
"""Between two persons: ";", a line break, "/" before a capital ("Hoffmann/Demir"), "&",
"+", "und", "sowie" (never a "/" inside other text such as markup)."""
_BRACKETS = re.compile(r"\(([^\W\d_][^)]*)\)")
"""A role in brackets after a name: "(Schulleitung)" (not "(1)")."""


@dataclass
class Name:
    """One person read from a cell (empty strings where the cell did not say)."""

    salutation: str = ""
    title: str = ""
    first_name: str = ""
    last_name: str = ""
    function: str = ""

    @property
    def is_person(self) -> bool:
        """Whether a person is named (a family name); "Sekretariat" alone is none."""
        return bool(self.last_name)

    def shown(self) -> str:
        """ "Frau Dr. Petra Hoffmann (Schulleitung)": how the dry run shows what it read."""
        text = " ".join(
            p for p in (self.salutation, self.title, self.first_name, self.last_name) if p
        )
        return f"{text} ({self.function})" if self.function else text


def salutation_of(word: str) -> str:
    """The stored salutation a written one means ("Hr." → "Herr"), or ""."""
    return SALUTATION_WORDS.get(fold(word), "")


_BARE_TITLES = frozenset({"dr", "prof"})
"""Titles also written without a dot; any other needs one ("B.A.", "Mag."), since "Ba" or
"Ing" may be a name."""


def is_title(word: str) -> bool:
    w = word.strip(" ,")
    return bool(_TITLE.match(w)) and ("." in w or w.lower() in _BARE_TITLES)


def is_role(word: str) -> bool:
    return fold(word) in _FUNCTIONS


def _tokens(text: str) -> list[str]:
    """Words, with "Dipl.-Ing." and "Prof.Dr." kept or split as written."""
    text = re.sub(r"\b(Prof|Dr)\.(?=\S)", r"\1. ", text)
    return text.split()


def parse_one(text: str) -> Name:
    """One person: "Frau Dr. Eva Maria Müller", "Müller, Eva", "Herr Konrektor Weber"."""
    name = Name()
    functions = [m.strip() for m in _BRACKETS.findall(text) if m.strip()]
    text = _BRACKETS.sub(" ", text).strip(" ,")
    post: list[str] = []
    if "," in text:
        head, _, tail = text.partition(",")
        tail_words = _tokens(tail)
        if tail_words and all(is_title(w) for w in tail_words):
            post, text = tail_words, head  # "Eva Müller, M.A."
        else:  # "Müller, Eva" or "Müller, Dr. Eva"
            text = f"{tail.strip()} {head.strip()}"
    words = _tokens(text)
    titles: list[str] = []
    rest: list[str] = []
    for w in words:
        if not name.salutation and not rest and salutation_of(w):
            name.salutation = salutation_of(w)
        elif is_title(w) and (not rest or w.endswith(".")):
            titles.append(w)
        elif is_role(w):
            functions.append(w)
        else:
            rest.append(w)
    name.title = " ".join(titles + post)
    name.function = ", ".join(functions)
    if len(rest) >= 2:
        name.first_name, name.last_name = " ".join(rest[:-1]), rest[-1]
    elif rest:
        name.last_name = rest[0]
    return name


def _looks_full(piece: str) -> bool:
    """A comma-separated piece that is a whole name ("Frau Petra Hoffmann"), not "Eva"."""
    words = [w for w in _tokens(piece) if not is_title(w)]
    return len(words) >= 2 and not all(is_title(w) for w in words)


def _pieces(cell: str) -> list[str]:
    parts = [p.strip(" ,") for p in _SPLIT.split(cell) if p.strip(" ,")]
    out: list[str] = []
    for p in parts:
        commas = [c.strip() for c in p.split(",") if c.strip()]
        if len(commas) >= 2 and all(_looks_full(c) for c in commas):
            out += commas  # "Frau Petra Hoffmann, Herr Ali Demir"
        else:
            out.append(p)
    return out


def parse_names(cell: str) -> list[Name]:
    """Every person a cell names, in order; a role without a name ("Sekretariat") goes to
    the function of the person before it, or stays a :class:`Name` without a family name.

    "Herr und Frau Klein" and "Eva und Peter Braun" share the family name written last.
    """
    names: list[Name] = []
    for piece in _pieces(cell.strip()):
        n = parse_one(piece)
        if not n.is_person and n.function and names and not n.salutation:
            prev = names[-1]
            prev.function = ", ".join(f for f in (prev.function, n.function) if f)
            continue
        names.append(n)
    for i, n in enumerate(names[:-1]):
        if n.first_name or n.function:
            continue
        later = next((m for m in names[i + 1 :] if m.last_name), None)
        if later is None:
            continue
        if not n.last_name:  # "Herr und Frau Klein"
            n.last_name = later.last_name
        elif not n.salutation and later.first_name:  # "Eva und Peter Braun"
            n.first_name, n.last_name = n.last_name, later.last_name
    return [n for n in names if n.is_person or n.function]


def _strip_front(text: str) -> tuple[str, list[str], str]:
    """(salutation, titles, rest) of a name column's text ("Frau Dr. Renate")."""
    salutation = ""
    titles: list[str] = []
    rest: list[str] = []
    for w in _tokens(text):
        if not salutation and not titles and not rest and salutation_of(w):
            salutation = salutation_of(w)
        elif not rest and is_title(w):
            titles.append(w)
        else:
            rest.append(w)
    return salutation, titles, " ".join(rest)


def clean(salutation: str, title: str, first_name: str, last_name: str) -> Name:
    """Name columns as written, with a salutation or title moved out of the first or last
    name ("Frau Renate" → Frau, Renate); a salutation column may hold a title ("Dr.", as
    Outlook's "Anrede" does)."""
    name = Name(salutation_of(salutation), title.strip())
    if salutation.strip() and not name.salutation and is_title(salutation):
        name.title = " ".join(p for p in (salutation.strip(), name.title) if p)
    extra: list[str] = []
    for text, part in ((first_name, "first_name"), (last_name, "last_name")):
        found, titles, rest = _strip_front(text)
        name.salutation = name.salutation or found
        extra += titles
        setattr(name, part, rest)
    name.title = " ".join(p for p in (name.title, *extra) if p)
    return name
