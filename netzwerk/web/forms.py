"""Forms of the records: the model's field table drives the HTML form and the JSON API.

The graph layer (:mod:`netzwerk.graph.core.validation`) holds the rules; forms only convert what
the browser or a JSON client sent into the model's dataclasses (dates, numbers, yes/no) and
put the graph's :class:`~netzwerk.graph.ValidationError` messages at the fields they name.
So the form, the API and the importer accept and reject exactly the same things.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeGuard

from flask import flash, redirect
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields import choices as wtforms_choices
from wtforms.validators import Length

from netzwerk import graph
from netzwerk.graph.core import model, validation
from netzwerk.graph.core.fields import FieldInfo, field_table
from netzwerk.graph.core.validation import parse_date
from netzwerk.graph.records import visibility
from netzwerk.web import locale_format
from netzwerk.web.said import said_by_field


def select_choices(pairs: Any) -> list[Any]:
    """WTForms 3.3 deprecates (value, label) tuples in favour of ``SelectChoice``."""
    # Looked up, not imported: the type stubs may know an older WTForms than the one installed.
    select_choice = getattr(wtforms_choices, "SelectChoice", None)
    if select_choice is None:  # WTForms before 3.3
        return list(pairs)
    return [select_choice(value, label) for value, label in pairs]


def put_errors(form: Any, err: graph.ValidationError) -> None:
    """Each German message of ``err`` at its field of ``form``; one for no field flashed."""
    for name, messages in said_by_field(err).items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*list(field.errors or []), *messages]
        else:
            flash("; ".join(messages), "error")


def save_form(
    form: Any, save: Callable[[], str], *, done: str, stale: str, again: str
) -> ResponseReturnValue | None:
    """Run ``save`` (the use case; it returns the success message) for an admin form:
    flashed and redirected to ``done``; a German validation error put at its field (None:
    the caller shows the form again, 400); a conflict flashed as ``stale`` and redirected
    to ``again``, the form opened anew."""
    try:
        flash(save(), "success")
        return redirect(done)
    except graph.ValidationError as err:
        put_errors(form, err)
        return None
    except graph.ConflictError:
        flash(stale, "error")
        return redirect(again)


@dataclass(frozen=True)
class FieldSpec:
    """One input as the form shows it, built from the model's field table
    (:mod:`netzwerk.graph.core.fields`): name, widget, translated label, choices as
    (value, label) pairs, whether it is required, and the limits the browser checks too."""

    name: str
    kind: str  # text | textarea | select | date | bool | int | email | url | tel
    label: Any
    choices: tuple[tuple[str, Any], ...] = ()
    required: bool = False
    hint: Any = ""
    max_length: int = 0
    minimum: int | None = None
    maximum: int | None = None
    integer: bool = False
    """The value is a number (a count, or a select of numbered levels like the intensity)."""


def _numbered(value: str, label: str) -> LazyString:
    """A numbered level's choice, "2 – regelmäßig", in the page's language when shown."""
    return LazyString(lambda: f"{value} – {_(label)}")


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    """The form's view of one field of the model's field table."""
    values = [str(v) for v in info.choices]
    shown: list[Any] = [_l(v) for v in values]  # vocabulary values are stored in German
    if info.choice_labels:
        shown = [_numbered(v, lab) for v, lab in zip(values, info.choice_labels, strict=True)]
    pairs = tuple(zip(values, shown, strict=True))
    if info.choices and not info.required and info.blank:
        pairs = (("", "–"), *pairs)
    return FieldSpec(
        name,
        info.widget,
        _l(info.label),
        pairs,
        info.required,
        _l(info.hint) if info.hint else "",
        max_length=info.max_length,
        minimum=info.minimum,
        maximum=info.maximum,
        integer=info.widget == "int" or any(isinstance(v, int) for v in info.choices),
    )


NODE_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    cls.LABEL: tuple(_spec(n, info) for n, info in field_table(cls).items())
    for cls in model.NODE_CLASSES
}
"""Per record label, the inputs of its form, in the model's order."""
LINK_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    type_name: tuple(_spec(n, info) for n, info in spec.field_table().items())
    for type_name, spec in model.LINK_TYPES.items()
    if spec.fields
}
"""Per relationship type with properties, the inputs of its form."""


def node_fields(label: str, *, contacts: bool = True) -> tuple[FieldSpec, ...]:
    """The fields of ``label``; without ``contacts`` only those every viewer may read."""
    hidden = () if contacts else visibility.restricted(label)
    return tuple(f for f in NODE_FIELDS[label] if f.name not in hidden)


def link_fields(type_name: str) -> tuple[FieldSpec, ...]:
    return LINK_FIELDS.get(type_name, ())


def _wtf_field(spec: FieldSpec) -> Field:
    """The WTForms field for a spec. Choices are not enforced here but by the graph layer,
    so the message is the same German sentence as in the API."""
    render_kw: dict[str, Any] = {}
    if spec.kind in ("date", "email", "url", "tel"):
        render_kw["type"] = spec.kind
    if spec.kind == "int":
        render_kw.update(type="number", min=spec.minimum, max=spec.maximum)
    if spec.required:
        render_kw["required"] = True
        render_kw["aria-required"] = "true"
    if spec.kind == "textarea":
        return TextAreaField(
            spec.label, validators=[Length(max=spec.max_length)], render_kw={**render_kw, "rows": 4}
        )
    if spec.kind == "select":
        return SelectField(
            spec.label,
            choices=select_choices(spec.choices),
            validate_choice=False,
            render_kw=render_kw,
        )
    if spec.kind == "bool":
        return BooleanField(spec.label, render_kw=render_kw)
    return StringField(spec.label, validators=[Length(max=spec.max_length)], render_kw=render_kw)


_FORM_CACHE: dict[tuple[str, tuple[str, ...]], type[FlaskForm]] = {}


def form_class(key: str, specs: tuple[FieldSpec, ...]) -> type[FlaskForm]:
    """A FlaskForm class (CSRF included) with one field per spec plus the hidden version."""
    cache_key = (key, tuple(s.name for s in specs))
    cls = _FORM_CACHE.get(cache_key)
    if cls is None:
        attrs: dict[str, Any] = {s.name: _wtf_field(s) for s in specs}
        attrs["version"] = HiddenField()
        cls = type(f"{key}Form", (FlaskForm,), attrs)
        _FORM_CACHE[cache_key] = cls
    return cls


def _convert(spec: FieldSpec, raw: Any, errors: list[graph.FieldError]) -> Any:
    """Form/JSON value → model value; problems are collected as field errors."""
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw
        return str(raw).strip().lower() in ("1", "y", "yes", "true", "on", "ja")
    if spec.kind == "date":
        try:
            return parse_date(raw, spec.name)
        except graph.ValidationError as exc:
            errors += exc.errors
            return None
    if spec.integer:
        if raw in (None, ""):
            return 0 if spec.kind == "int" and spec.required else None
        if isinstance(raw, bool):
            errors.append(graph.FieldError(spec.name, _("muss eine ganze Zahl sein")))
            return None
        try:
            return int(str(raw).strip())
        except ValueError:
            errors.append(graph.FieldError(spec.name, _("muss eine ganze Zahl sein")))
            return None
    if raw is None:
        return ""
    if not isinstance(raw, str):
        errors.append(graph.FieldError(spec.name, _("muss ein Text sein")))
        return ""
    return raw


def apply_data(
    obj: Any,
    specs: tuple[FieldSpec, ...],
    data: Mapping[str, Any],
    *,
    partial: bool = False,
    strict: bool = False,
) -> Any:
    """A copy of ``obj`` (node or link dataclass) with the submitted fields applied.

    ``partial`` keeps fields that were not sent (PATCH, or contact fields a viewer cannot
    see); ``strict`` rejects unknown keys (JSON API). Raises ValidationError.
    """
    errors: list[graph.FieldError] = []
    known = {s.name for s in specs}
    if strict:
        allowed = known | {"version", "id", "created", "updated", "type", "from_id", "to_id"}
        errors += [
            graph.FieldError(k, _("ist kein bekanntes Feld"))
            for k in data
            if k not in allowed and not k.startswith("_")
        ]
    changes: dict[str, Any] = {}
    for spec in specs:
        if spec.name not in data:
            if partial or spec.kind != "bool":
                continue
            changes[spec.name] = False  # an unticked checkbox is not sent at all
            continue
        changes[spec.name] = _convert(spec, data.get(spec.name), errors)
    result = dataclasses.replace(obj, **changes)
    if errors:
        # Report the domain rules too, so the user sees every problem at once.
        named = {e.field for e in errors}
        try:
            if isinstance(result, graph.Node):
                validation.validate_node(result)
        except graph.ValidationError as more:
            errors += [e for e in more.errors if e.field not in named]
        raise graph.ValidationError(errors)
    return result


MAX_VERSION = 2**53
"""Versions beyond this cannot be real, and Neo4j's integers end at 2**63 (an overflow there
would be a 500); such values count as a stale version."""


def version_ok(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) < MAX_VERSION


def version_of(data: Mapping[str, Any]) -> int | None:
    raw: Any = data.get("version")  # whatever the form or JSON sent
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if version_ok(value) else -1


def display(value: Any) -> str:
    """A value as shown in tables, detail pages and conflict lists, in the page's language
    (a vocabulary value is translated by the pages' ``vocab`` filter)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return locale_format.yes_no(value)
    if isinstance(value, date):
        return locale_format.day(value)
    return str(value)


@dataclass(frozen=True)
class ConflictRow:
    """One field of the conflict box: the saved value, the user's, and who changed it."""

    label: Any
    theirs: str
    mine: str
    clash: bool
    """Both changed the field since the user opened the form (the user must decide)."""


def _same(a: Any, b: Any) -> bool:
    return (a or None) == (b or None)


def conflict_rows(
    specs: tuple[FieldSpec, ...], current: Any, mine: Any, base: Any | None = None
) -> tuple[list[ConflictRow], list[Any]]:
    """The conflict box: rows for the fields the user changed, and the fields only the
    colleague changed (taken over into the form, listed by label).

    ``base`` is the record as the user opened it (from the history); without it every
    differing field is shown, as the user's change.
    """
    rows, taken = [], []
    for spec in specs:
        theirs, yours = getattr(current, spec.name, None), getattr(mine, spec.name, None)
        if _same(theirs, yours):
            continue
        was = getattr(base, spec.name, None) if base is not None else None
        if base is not None and _same(yours, was):
            taken.append(spec.label)  # untouched by the user: the colleague's value stays
            continue
        clash = base is None or not _same(theirs, was)
        rows.append(ConflictRow(spec.label, display(theirs), display(yours), clash))
    return rows, taken


def merged(specs: tuple[FieldSpec, ...], current: Any, mine: Any, base: Any | None) -> Any:
    """The user's record with the colleague's values in the fields the user did not touch."""
    if base is None:
        return mine
    keep = {
        spec.name: getattr(current, spec.name)
        for spec in specs
        if _same(getattr(mine, spec.name, None), getattr(base, spec.name, None))
    }
    return dataclasses.replace(mine, **keep)


def form_values(obj: Any, specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
    """Field values of a record as a form shows them (dates ISO for ``<input type=date>``)."""
    out: dict[str, Any] = {}
    for spec in specs:
        value = getattr(obj, spec.name, None)
        if isinstance(value, date):
            value = value.isoformat()
        elif value is None:
            value = "" if spec.kind != "bool" else False
        elif spec.kind in ("int", "select") and not isinstance(value, bool):
            value = str(value)
        out[spec.name] = value
    return out
