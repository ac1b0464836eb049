"""Saved views: a filter, a date, colouring, sizing and pinned positions, under a name.

A view opens in the network picture, in the gap pages and in the contact export alike,
because all three read the one filter (:mod:`netzwerk.graph.network.filters`). Views belong to the
user who saved them; a shared view is listed for everyone. Share links
(:mod:`netzwerk.graph.sharing.share_links`) show a view to people without an account.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netzwerk.graph.core.errors import FieldError, ForbiddenError, NotFoundError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.network.filters import Filter
from netzwerk.graph.pictures.cooperation import COLOUR_BY, SIZE_BY

PICTURES = ("cooperation", "alliances")
# The options the picture offers, not a copy: a view stores whatever can be chosen.
COLOURS = COLOUR_BY
SIZES = SIZE_BY
MAX_PINS = 5000
MAX_NAME = 120
MAX_COORDINATE = 1e7

Pins = dict[str, tuple[float, float]]


@dataclass(frozen=True)
class SavedView:
    id: str
    name: str
    owner: str
    filter: Filter
    picture: str = "cooperation"
    colour: str = "kind"
    size: str = "degree"
    shared: bool = False
    pins: Pins = field(default_factory=dict)
    created: datetime | None = None
    updated: datetime | None = None

    def params(self) -> list[tuple[str, str]]:
        """The query of the picture this view shows (filter, drawing, the view's id)."""
        items = self.filter.params()
        if self.picture == "cooperation":
            items += [("colour", self.colour), ("size", self.size)]
        return [*items, ("view", self.id)]


def parse_pins(raw: Any) -> Pins:
    """Pinned positions from JSON text or a dict ``{id: [x, y]}``; raises ValidationError
    on anything else (a view is never saved half-understood)."""
    if raw in (None, ""):
        return {}
    try:
        data = json.loads(raw) if isinstance(raw, str | bytes) else raw
    except ValueError:
        data = None
    bad = ValidationError([FieldError("pins", N_("Die festgehaltenen Positionen sind ungültig."))])
    if not isinstance(data, dict):
        raise bad
    if len(data) > MAX_PINS:
        raise ValidationError(
            [
                FieldError.said(
                    "pins",
                    N_("Höchstens %(max_pins)s Akteure können festgehalten werden."),
                    max_pins=MAX_PINS,
                )
            ]
        )
    out: Pins = {}
    for key, value in data.items():
        if not (isinstance(key, str) and is_valid_id(key)):
            raise bad
        if not (isinstance(value, list | tuple) and len(value) == 2):
            raise bad
        x, y = value
        if (
            not all(
                isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
                for c in (x, y)
            )
            or max(abs(x), abs(y)) > MAX_COORDINATE
        ):
            raise bad
        out[key] = (round(float(x), 1), round(float(y), 1))
    return out


def view_from_row(row: dict[str, Any]) -> SavedView:
    try:
        described = json.loads(row.get("filter") or "{}")
    except ValueError:
        described = {}
    try:
        pins = parse_pins(row.get("pins") or "")
    except ValidationError:
        pins = {}
    return SavedView(
        id=row["id"],
        name=row.get("name") or row["id"],
        owner=row.get("owner") or "",
        filter=Filter.from_description(described if isinstance(described, dict) else {}),
        picture=row["picture"] if row.get("picture") in PICTURES else "cooperation",
        colour=row["colour"] if row.get("colour") in COLOURS else "kind",
        size=row["size"] if row.get("size") in SIZES else "degree",
        shared=bool(row.get("shared")),
        pins=pins,
        created=row.get("created"),
        updated=row.get("updated"),
    )


def _check(name: str, picture: str, colour: str, size: str) -> str:
    errors = []
    name = " ".join((name or "").split())
    if not name:
        errors.append(FieldError("name", N_("Bitte einen Namen für die Ansicht angeben.")))
    elif len(name) > MAX_NAME:
        errors.append(
            FieldError.said(
                "name",
                N_("Der Name ist zu lang (höchstens %(max_name)s Zeichen)."),
                max_name=MAX_NAME,
            )
        )
    if picture not in PICTURES:
        errors.append(FieldError("picture", N_("Unbekanntes Bild.")))
    if colour not in COLOURS or size not in SIZES:
        errors.append(FieldError("colour", N_("Unbekannte Darstellung.")))
    if errors:
        raise ValidationError(errors)
    return name


def new_view_props(view: SavedView) -> dict[str, Any]:
    """The checked properties of a new view (raises ValidationError; writes nothing)."""
    return {
        "name": _check(view.name, view.picture, view.colour, view.size),
        "owner": view.owner,
        "shared": bool(view.shared),
        "picture": view.picture,
        "filter": json.dumps(view.filter.describe(), ensure_ascii=False),
        "colour": view.colour,
        "size": view.size,
        "pins": _pins_json(view.pins),
    }


def _pins_json(pins: Pins) -> str:
    return json.dumps({k: list(v) for k, v in pins.items()})


def get_view(store: Store, view_id: str) -> SavedView:
    rows = store.read("views/get", id=view_id) if is_valid_id(view_id) else []
    if not rows:
        raise NotFoundError.said(N_("Diese Ansicht gibt es nicht (mehr)."))
    return view_from_row(rows[0]["view"])


def visible_view(store: Store, view_id: str, user: str) -> SavedView:
    """A view ``user`` may open: their own or a shared one (others look like missing)."""
    view = get_view(store, view_id)
    if view.owner != user and not view.shared:
        raise NotFoundError.said(N_("Diese Ansicht gibt es nicht (mehr)."))
    return view


def views_for(store: Store, user: str) -> list[SavedView]:
    """The user's own views and the shared ones, newest first."""
    return [view_from_row(r["view"]) for r in store.read("views/list", owner=user)]


def changed_props(
    view: SavedView,
    *,
    name: str | None = None,
    shared: bool | None = None,
    pins: Pins | None = None,
) -> dict[str, Any]:
    """The checked properties a rename, share or re-pin of ``view`` changes."""
    props: dict[str, Any] = {}
    if name is not None:
        props["name"] = _check(name, view.picture, view.colour, view.size)
    if shared is not None:
        props["shared"] = bool(shared)
    if pins is not None:
        props["pins"] = _pins_json(pins)
    return props


def own_view(store: Store, view_id: str, user: str, is_admin: bool) -> SavedView:
    """The view ``user`` may change: their own (or any, for an admin)."""
    view = visible_view(store, view_id, user) if not is_admin else get_view(store, view_id)
    if view.owner != user and not is_admin:
        raise ForbiddenError.said(N_("Nur wer die Ansicht gespeichert hat, kann sie ändern."))
    return view
