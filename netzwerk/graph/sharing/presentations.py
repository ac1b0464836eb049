"""Presentations: saved views in an order, each with a text, under a name.

A network manager prepares the Steuerungsgruppe or the Bildungskonferenz: slide by slide a
picture (a saved view, drawn as the view draws it) and what to say about it. The record is
:class:`~netzwerk.graph.core.model.Presentation` (owned, versioned and with history like
every record); this module holds its rules as pure functions — which slide lists are
acceptable, how a slide moves — and reads the views the slides show. The writes are
:mod:`netzwerk.graph.operations.sharing`.

A slide names its view by id. A view may be deleted after the slide was made; the slide
is kept, with its text, and says so (:data:`VIEW_GONE`) instead of failing the whole
presentation — on the screen, in the shared version and in the PDF. The views page names
the presentations that show a view (:func:`using`) and asks before such a view is deleted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.model import Presentation
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.validation import is_valid_id
from netzwerk.graph.sharing.saved_views import SavedView, view_from_row

MAX_SLIDES = 60
MAX_TEXT = 5000
"""A slide's text: a few paragraphs, what fits beside a picture on a landscape page."""
MAX_NAME = 120
VIEW_GONE = N_("Die Ansicht dieser Folie gibt es nicht mehr.")


@dataclass(frozen=True)
class Slide:
    view_id: str
    text: str = ""


@dataclass(frozen=True)
class Shown:
    """A slide as it is shown: its view, or ``None`` when the view is gone."""

    number: int
    slide: Slide
    view: SavedView | None


@dataclass(frozen=True)
class Use:
    """A presentation that shows a view, and on which slides (numbered from 1)."""

    presentation_id: str
    name: str
    slides: tuple[int, ...]


def slides_of(p: Presentation) -> list[Slide]:
    """The slides stored in ``p`` (leniently: an entry that is not a slide is left out)."""
    return _parsed(p.slides)


def _parsed(text: str | None) -> list[Slide]:
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return []
    if not isinstance(raw, list):
        return []
    return [
        Slide(str(item["view"]), str(item.get("text") or ""))
        for item in raw
        if isinstance(item, dict) and isinstance(item.get("view"), str)
    ]


def _clean_text(text: str) -> str:
    """Paragraphs kept, trailing spaces and runs of blank lines dropped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def checked(p: Presentation, slides: Sequence[Slide]) -> Presentation:
    """``p`` with its name and ``slides`` checked and stored as JSON text; raises
    :class:`ValidationError` with a German message at each field (nothing is written)."""
    errors = []
    name = " ".join((p.name or "").split())
    if not name:
        errors.append(FieldError("name", N_("Bitte einen Namen für die Präsentation angeben.")))
    elif len(name) > MAX_NAME:
        errors.append(
            FieldError.said(
                "name",
                N_("Der Name ist zu lang (höchstens %(max_name)s Zeichen)."),
                max_name=MAX_NAME,
            )
        )
    if len(slides) > MAX_SLIDES:
        errors.append(
            FieldError.said(
                "slides",
                N_("Höchstens %(max_slides)s Folien je Präsentation."),
                max_slides=MAX_SLIDES,
            )
        )
    cleaned = []
    for number, slide in enumerate(slides, 1):
        text = _clean_text(slide.text)
        if not is_valid_id(slide.view_id):
            errors.append(
                FieldError.said(
                    f"view_{number}", N_("Folie %(number)s: unbekannte Ansicht."), number=number
                )
            )
        if len(text) > MAX_TEXT:
            errors.append(
                FieldError.said(
                    f"text_{number}",
                    N_("Folie %(number)s: der Text ist zu lang (höchstens %(max_text)s Zeichen)."),
                    number=number,
                    max_text=MAX_TEXT,
                )
            )
        cleaned.append({"view": slide.view_id, "text": text})
    if errors:
        raise ValidationError(errors)
    return Presentation(
        id=p.id,
        version=p.version,
        created=p.created,
        updated=p.updated,
        name=name,
        slides=json.dumps(cleaned, ensure_ascii=False),
    )


def moved(slides: Sequence[Slide], index: int, step: int) -> list[Slide]:
    """``slides`` with the one at ``index`` moved ``step`` places (clamped at the ends)."""
    out = list(slides)
    if not 0 <= index < len(out):
        return out
    target = max(0, min(len(out) - 1, index + step))
    out.insert(target, out.pop(index))
    return out


def shown(store: Store, p: Presentation) -> list[Shown]:
    """Every slide of ``p`` with its view (``None`` for a deleted view), in one read."""
    slides = slides_of(p)
    ids = sorted({s.view_id for s in slides if is_valid_id(s.view_id)})
    rows = store.read("views/get_many", ids=ids) if ids else []
    views = {r["view"]["id"]: view_from_row(r["view"]) for r in rows}
    return [Shown(n, s, views.get(s.view_id)) for n, s in enumerate(slides, 1)]


def using(store: Store, view_ids: Sequence[str]) -> dict[str, list[Use]]:
    """Per view id, the presentations that show it (by name), with the slides; a view no
    presentation shows has no key."""
    ids = sorted({v for v in view_ids if is_valid_id(v)})
    out: dict[str, list[Use]] = {}
    for row in store.read("views/presentations_using", ids=ids) if ids else []:
        numbers: dict[str, list[int]] = {}
        for n, slide in enumerate(_parsed(row["slides"]), 1):
            numbers.setdefault(slide.view_id, []).append(n)
        for view_id in ids:
            if view_id in numbers:
                use = Use(row["id"], row["name"] or row["id"], tuple(numbers[view_id]))
                out.setdefault(view_id, []).append(use)
    return out


def paragraphs(text: str) -> list[str]:
    """A slide's text as paragraphs (separated by blank lines; single breaks kept)."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]
