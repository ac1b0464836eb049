"""What the model says about each of its fields: the one field table.

Every domain field of :mod:`netzwerk.graph.core.model` carries a :class:`FieldInfo` as
dataclass field metadata: its German label, the widget a form shows, whether it is required,
its choices, its length limit, the hint beside the input, the help of its workbook column, the
import headers that mean it, and whether only readers with the contacts grant see it. The
validation, the forms, the OpenAPI description, the import headers, the workbook columns, the
visibility table and the seed builder all read it from here, so adding a field to a kind means
adding one line to the model (and its translation).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from typing import Any

SHORT_MAX = 5_000
"""Names and other one-line fields; generous so no real name is ever cut."""
LONG_MAX = 50_000
"""Notes and descriptions."""
EMAIL_MAX = 254
"""The longest address SMTP can deliver (RFC 5321 path limit)."""
PHONE_MAX = 40
"""Longer than any dialled number with spaces, brackets and an extension."""

WIDGETS = frozenset(
    {"text", "textarea", "select", "date", "bool", "int", "decimal", "email", "url", "tel"}
)
_WIDGET_MAX = {"textarea": LONG_MAX, "email": EMAIL_MAX, "tel": PHONE_MAX}

KEY = "netzwerk"
"""The key of :class:`FieldInfo` in a dataclass field's metadata."""


@dataclass(frozen=True)
class FieldInfo:
    """One field as forms, validation, exports and imports see it.

    ``hint`` is shown beside the form's input (translated by the pages, so marked ``N_``);
    ``help`` is the comment on the field's workbook column (the workbook speaks German only).
    ``choices`` are the allowed values of a ``select`` (with ``choice_labels`` when the value
    is not its own label, as the intensity's 1–3); a select that is not ``required`` may also
    be empty, and its form offers the empty choice unless ``blank`` is false (a membership's
    role offers the member roles, the first preselected). ``minimum``/``maximum`` bound an
    ``int``. ``headers`` are the import column headers that mean this field, written folded
    (lower case, umlauts as ae/oe/ue/ss).
    ``group`` sorts a person's fields for the partner list's import ("consent" fields apply
    to the contact person unprefixed). ``restricted`` fields are shown only to readers with
    the contacts grant.
    """

    label: str
    widget: str = "text"
    required: bool = False
    choices: tuple[Any, ...] = ()
    choice_labels: tuple[str, ...] = ()
    blank: bool = True
    limit: int = 0
    minimum: int | None = None
    maximum: int | None = None
    hint: str = ""
    help: str = ""
    headers: tuple[str, ...] = ()
    group: str = ""
    restricted: bool = False

    def __post_init__(self) -> None:
        if self.widget not in WIDGETS:
            raise ValueError(f"unknown widget {self.widget!r}")

    @property
    def max_length(self) -> int:
        """The longest text this field accepts (forms, validation and OpenAPI alike)."""
        return self.limit or _WIDGET_MAX.get(self.widget, SHORT_MAX)

    @property
    def multiline(self) -> bool:
        return self.widget == "textarea"


def described(default: Any, label: str, **info: Any) -> Any:
    """A dataclass field with ``default`` and its :class:`FieldInfo` (``label`` plus ``info``)."""
    return dataclasses.field(default=default, metadata={KEY: FieldInfo(label, **info)})


def field_table(cls: type) -> dict[str, FieldInfo]:
    """The described fields of a model class, in declaration order (bookkeeping has none)."""
    # Through a parameter typed ``type``, as codec.field_kinds: mypy does not count
    # ``type[Node]`` as Hashable for the cache's wrapper, although every class is.
    return _field_table(cls)


@cache
def _field_table(cls: type) -> dict[str, FieldInfo]:
    return {f.name: f.metadata[KEY] for f in dataclasses.fields(cls) if KEY in f.metadata}


def info_of(cls: type, name: str) -> FieldInfo | None:
    return field_table(cls).get(name)


def synonyms(text: str) -> tuple[str, ...]:
    """Import headers written as one "; "-separated line (they are many, and read as a list)."""
    return tuple(w.strip() for w in text.split(";"))
