"""The public Bildungslandkarte's settings: on or off, its title and introduction.

Municipalities in the "Bildungskommunen" programme are expected to publish their education
landscape. The page is off until an admin switches it on; it shows organisations and
projects (the offers), never persons. What it lists is :mod:`.public_offers`, the map
:mod:`.public_tiles`.
"""

from __future__ import annotations

from dataclasses import dataclass

from netzwerk.graph.core.errors import FieldError, ValidationError
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.core.store import Store

MAX_TITLE = 120
MAX_INTRO = 2000


@dataclass(frozen=True)
class MapSettings:
    enabled: bool = False
    title: str = "Bildungslandkarte"
    intro: str = ""


def settings(store: Store) -> MapSettings:
    rows = store.read("views/public_map_get")
    if not rows:
        return MapSettings()
    m = rows[0]["map"]
    return MapSettings(
        bool(m.get("enabled")), m.get("title") or "Bildungslandkarte", m.get("intro") or ""
    )


def checked_settings(*, enabled: bool, title: str, intro: str) -> MapSettings:
    """The settings as they will be stored (raises ValidationError; writes nothing)."""
    title, intro = " ".join(title.split()), intro.strip()
    errors = []
    if not title or len(title) > MAX_TITLE:
        errors.append(
            FieldError.said(
                "title",
                N_("Bitte einen Titel mit höchstens %(max_title)s Zeichen."),
                max_title=MAX_TITLE,
            )
        )
    if len(intro) > MAX_INTRO:
        errors.append(
            FieldError.said(
                "intro",
                N_("Die Einleitung ist zu lang (höchstens %(max_intro)s Zeichen)."),
                max_intro=MAX_INTRO,
            )
        )
    if errors:
        raise ValidationError(errors)
    return MapSettings(bool(enabled), title, intro)
