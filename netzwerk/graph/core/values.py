"""Small value helpers shared by the record, link, bulk and import modules.

They sit below all of them, so none of those modules has to import another CRUD module
for an id or a page (which is how import circles start).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from netzwerk.graph.core.model import Link

T = TypeVar("T")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def without_format(text: str) -> str:
    """``text`` without invisible format characters (Unicode category Cf: zero-width
    spaces and joiners, the byte-order mark, soft hyphens, bidirectional overrides).

    A name pasted with one looks the same and must compare the same.
    """
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def name_form(text: str) -> str:
    """How a name is stored: NFKC (full-width letters, ligatures and other compatibility
    forms become the plain ones) without format characters, surrounding space stripped."""
    if text.isascii():
        return text.strip()
    return without_format(unicodedata.normalize("NFKC", text)).strip()


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The comparison form of a name, a column header or a list value.

    Lower case, umlauts spelled out (ä → ae, so "Müller" and "Mueller" agree, as Germans
    write them when a keyboard has no umlauts), other accents dropped, everything but
    letters and digits turned into single spaces: "E-Mail-Adresse" → "e mail adresse",
    "VHS Trier e.V." → "vhs trier e v". Cached: an import folds every name several times.

    >>> fold("Bücherei  Süd – Straße")
    'buecherei sued strasse'
    """
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFC", without_format(text))  # "u" + combining diaeresis → "ü"
        for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.replace(a, b)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text).strip()


_BEYOND_NFKD = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i"}
)
"""Latin letters that Unicode does not decompose into a base letter and an accent."""


def slug(text: str) -> str:
    """The part of a file name that says what a download holds: ASCII letters, digits and
    single hyphens, umlauts spelled out as in :func:`fold`.

    A file name goes into an HTTP header, which is Latin-1, and then onto every office's
    file system; a letter that cannot be spelled in ASCII is left out rather than risked
    (the download helper would encode it, but a name that survives a mail attachment and
    a zip file is worth more).

    >>> slug("Łódź 中文 Umfrage – Straße")
    'lodz-umfrage-strasse'
    """
    return "-".join(fold(text.lower().translate(_BEYOND_NFKD)).split())


def new_id(label: str) -> str:
    """A stable, unguessable id with a readable prefix (``actor-…``)."""
    return f"{label.lower()}-{uuid.uuid4().hex[:16]}"


def new_link_id(type_name: str) -> str:
    """Relationships get ids too (``cooperates_with-…``), so they can be edited and undone."""
    return f"{type_name.lower()}-{uuid.uuid4().hex[:16]}"


def canonical(link: Link) -> Link:
    """Symmetric links are stored with the smaller id first, so each pair exists once."""
    if link.spec.symmetric and link.to_id < link.from_id:
        return dataclasses.replace(
            link,
            from_id=link.to_id,
            to_id=link.from_id,
            from_name=link.to_name,
            to_name=link.from_name,
        )
    return link


def window(skip: int, limit: int, most: int) -> tuple[int, int]:
    """The ``skip`` and ``limit`` a list may read: from 0, at least one and at most ``most``
    rows, so that no request reads a whole label in one query.

    Examples
    --------
    >>> window(-5, 10_000, 500)
    (0, 500)
    """
    return max(0, int(skip)), min(max(1, int(limit)), most)


@dataclass
class Page(Generic[T]):
    """One page of a list plus the total, so a UI can paginate."""

    items: list[T]
    total: int
    skip: int
    limit: int
