"""One codec for records: dataclass ⇄ Neo4j values ⇄ JSON, typed by the model.

Records travel through several stores: Neo4j itself, the trash (a snapshot to undo a
delete), the history (old and new values), the JSON API, backups and imports. Each used to
convert dates its own way, and one of them turned a ``since`` date into a datetime on undo,
which then broke every page that compares dates. Here the *model* decides each field's type
(:func:`field_kinds` reads the dataclass annotations), so a date field is a
:class:`datetime.date` after every trip, a datetime stays a timezone-aware
:class:`datetime.datetime`, and ``created``/``version`` survive a round trip unchanged.

Two JSON forms exist, for two purposes:

* **typed by the model** (:func:`to_json` / :func:`from_json`): a record's fields as plain
  JSON (dates ``"YYYY-MM-DD"``, datetimes ISO 8601 with offset); the field's declared type
  says how to read each value back. Used by the trash, the history and the API.
* **tagged by value** (:func:`encode_value` / :func:`decode_value`): any property of any node,
  including the application's own bookkeeping nodes that have no dataclass, with temporal
  values as ``{"$type": "date", "value": …}`` in the driver's own ISO format (nanoseconds and
  zones kept). Used by the whole-graph backup.

>>> from netzwerk.graph.core.model import Link
>>> lk = Link(type="COOPERATES_WITH", from_id="a", to_id="b", since=date(2019, 10, 30))
>>> to_json(lk)["since"]
'2019-10-30'
>>> from_json(Link, to_json(lk)) == lk
True
>>> from_store(Link, {"type": "WORKS_AT", "from_id": "p", "to_id": "a",
...                   "since": datetime(2019, 10, 30, 0, 0)}).since
datetime.date(2019, 10, 30)
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import neo4j.time as nt

from netzwerk.graph.core.model import Link

T = TypeVar("T")

#: The field kinds the model uses; every dataclass field maps to one of them.
KINDS = ("str", "int", "bool", "date", "datetime", "float")


class CodecError(ValueError):
    """A stored or sent value cannot be read as the type the model declares."""


def _kind_of(hint: Any) -> str:
    """The kind of an annotation such as ``date | None`` or ``int``."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in args if a is not type(None))
    if hint is bool:
        return "bool"
    if hint is int:
        return "int"
    if hint is float:
        return "float"
    if hint is datetime:  # before date: datetime is a subclass of date
        return "datetime"
    if hint is date:
        return "date"
    return "str"


def field_kinds(cls: type) -> dict[str, str]:
    """Field name → kind for a dataclass of the model (cached per class)."""
    # Through a parameter typed ``type``: mypy does not count ``type[Node]`` as Hashable
    # for the cache's wrapper, although every class is.
    return _field_kinds(cls)


@functools.cache
def _field_kinds(cls: type) -> dict[str, str]:
    hints = typing.get_type_hints(cls)
    return {f.name: _kind_of(hints[f.name]) for f in dataclasses.fields(cls)}


# --- one value, by kind ---------------------------------------------------------------------
def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, nt.Date | nt.DateTime):
        return _as_date(value.to_native())
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError as exc:
            raise CodecError(f"„{value[:40]}“ ist kein Datum") from exc
    raise CodecError(f"{type(value).__name__} ist kein Datum")


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, nt.DateTime):
        value = value.to_native()
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as exc:
            raise CodecError(f"„{value[:40]}“ ist kein Zeitpunkt") from exc
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    raise CodecError(f"{type(value).__name__} ist kein Zeitpunkt")


def coerce(kind: str, value: Any) -> Any:
    """``value`` as the Python type of ``kind``; ``None`` stays ``None``.

    Lenient on purpose where the store may hold an older form (a date saved as a datetime by
    an earlier version reads back as its date), strict where a value cannot mean the kind.
    """
    if value is None:
        return None
    if kind == "date":
        return _as_date(value)
    if kind == "datetime":
        return _as_datetime(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        raise CodecError(f"{value!r:.40} ist kein Wahrheitswert")
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise CodecError(f"{value!r:.40} ist keine ganze Zahl")
        try:
            number = int(value)
        except (TypeError, ValueError) as exc:
            raise CodecError(f"{value!r:.40} ist keine ganze Zahl") from exc
        if isinstance(value, float) and number != value:
            raise CodecError(f"{value!r:.40} ist keine ganze Zahl")
        return number
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CodecError(f"{value!r:.40} ist keine Zahl")
        return float(value)
    return value if isinstance(value, str) else str(value)


def _json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date":
        return _as_date(value).isoformat()
    if kind == "datetime":
        return _as_datetime(value).isoformat()
    return value


# --- records --------------------------------------------------------------------------------
def _build(cls: type[T], data: dict[str, Any], *, strict: bool) -> T:
    kinds = field_kinds(cls)
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        kind = kinds.get(key)
        if kind is None or value is None:
            continue
        try:
            kwargs[key] = coerce(kind, value)
        except CodecError:
            if strict:
                raise
    return cls(**kwargs)


def from_store(cls: type[T], props: dict[str, Any]) -> T:
    """A record from stored properties; unknown or internal properties are ignored.

    A value of the wrong shape is dropped rather than raised, so one damaged property never
    makes a page unreadable (the field then shows empty and can be corrected).
    """
    return _build(cls, props, strict=False)


def to_json(obj: Any) -> dict[str, Any]:
    """Every field of a record (bookkeeping included) as plain JSON values."""
    cls: type = type(obj)
    names, values, dated = _json_plan(cls)
    out = dict(zip(names, values(obj), strict=True))
    for name, kind in dated:
        if out[name] is not None:
            out[name] = _json_value(kind, out[name])
    return out


@functools.cache
def _json_plan(
    cls: type,
) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]], tuple[tuple[str, str], ...]]:
    """Per class: its field names, one getter for all their values, and the fields whose
    values need converting (dates). An import encodes some 80,000 records and links: a
    call per field was the larger part of it."""
    kinds = _field_kinds(cls)
    names = tuple(kinds)
    getter = operator.attrgetter(*names)
    values = getter if len(names) > 1 else (lambda obj: (getter(obj),))
    dated = tuple((n, k) for n, k in kinds.items() if k in ("date", "datetime"))
    return names, values, dated


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Inverse of :func:`to_json`; raises :class:`CodecError` for a value of the wrong type."""
    return _build(cls, data, strict=True)


def field_json(cls: type, name: str, value: Any) -> Any:
    """One field's value as JSON (for history entries of single fields)."""
    return _json_value(field_kinds(cls).get(name, "str"), value)


def field_from_json(cls: type, name: str, value: Any) -> Any:
    """Inverse of :func:`field_json` (for undoing a change recorded in the history)."""
    return coerce(field_kinds(cls).get(name, "str"), value)


def same_json(a: Any, b: Any) -> bool:
    """Whether two fields' JSON values mean the same: equal, or both empty ("" and None
    alike, as a form or a spreadsheet cell cannot tell them apart)."""
    return a == b or (a in ("", None) and b in ("", None))


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def from_micros(value: int) -> datetime:
    """A stored moment read as microseconds since 1970 (``x.epochMillis * 1000 +
    x.microsecond % 1000`` in Cypher), for reads of many rows where the driver's own
    DateTime decoding would dominate.

    Not ``x.epochSeconds * 1000000 + x.microsecond``: Neo4j rounds ``epochSeconds`` toward
    zero, which puts a moment before 1970 with a fraction one second late (found by the
    round-trip property test); ``epochMillis`` is exact.
    """
    return EPOCH + timedelta(microseconds=value)


def link_from_row(row: dict[str, Any]) -> Link:
    """A :class:`Link` from a query row: a ``link`` map plus optional end names (and
    ``updated_us``, the link's ``updated`` as :func:`from_micros` reads it)."""
    link = from_store(Link, dict(row["link"]))
    if row.get("updated_us") is not None:
        link.updated = from_micros(row["updated_us"])
    link.from_name = row.get("from_name") or ""
    link.to_name = row.get("to_name") or ""
    return link


def jsonable(value: Any) -> Any:
    """Any value made JSON-safe without a model (dates as ISO text, containers walked).

    For summaries that are not record fields (counts, names, nested snapshots).
    """
    if isinstance(value, nt.Date | nt.DateTime | nt.Time):
        value = value.to_native()
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


# --- tagged values (whole-graph backup) ---------------------------------------------------------
_TEMPORAL: dict[str, Any] = {
    "date": nt.Date,
    "time": nt.Time,
    "datetime": nt.DateTime,
}


def encode_value(value: Any) -> Any:
    """A driver value made JSON-safe; temporal values and bytes get a type tag."""
    if isinstance(value, nt.DateTime):
        return {"$type": "datetime", "value": value.iso_format()}
    if isinstance(value, nt.Date):
        return {"$type": "date", "value": value.iso_format()}
    if isinstance(value, nt.Time):
        return {"$type": "time", "value": value.iso_format()}
    if isinstance(value, nt.Duration):
        return {"$type": "duration", "value": list(value)}
    if isinstance(value, list):
        return [encode_value(v) for v in value]
    if isinstance(value, dict):
        return {k: encode_value(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return {"$type": "bytes", "value": value.hex()}
    return value


def decode_value(value: Any) -> Any:
    """Inverse of :func:`encode_value`; raises :class:`CodecError` for a malformed tag."""
    if isinstance(value, dict):
        kind = value.get("$type")
        try:
            if kind in _TEMPORAL:
                return _TEMPORAL[kind].from_iso_format(value["value"])
            if kind == "duration":
                months, days, seconds, nanoseconds = value["value"]
                return nt.Duration(
                    months=months, days=days, seconds=seconds, nanoseconds=nanoseconds
                )
            if kind == "bytes":
                return bytes.fromhex(value["value"])
        except (KeyError, TypeError, ValueError) as exc:
            raise CodecError(f"Wert vom Typ {kind!r} ist beschädigt") from exc
        return {k: decode_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    return value
