"""What is written on and next to the nodes: labels and tooltip lines (plain text)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx

from netzwerk.graph.core.model import INTENSITIES, SCALE
from netzwerk.graph.network.filters import ACROSS, Filter
from netzwerk.graph.network.snapshot import ACROSS_TITLE, Vocabulary
from netzwerk.graph.pictures.styles import Tr


def short_label(name: str, short_name: str = "", limit: int = 28) -> str:
    """What is written next to a node: the short name, or the name cut to ``limit``."""
    text = (short_name or name or "").strip()
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def names_of(ids: Iterable[str], names: dict[str, str], limit: int = 6) -> str:
    listed = sorted(names.get(i, i) for i in ids)
    more = len(listed) - limit
    return ", ".join(listed[:limit]) + (f" (+{more})" if more > 0 else "")


def actor_tip(d: dict[str, Any], vocab: Vocabulary, tr: Tr, degree: int | None = None) -> list[str]:
    region = d.get("region_name") or ""
    area = vocab.regions.get(d.get("area") or "", "")
    where = f"{region} ({area})" if region and area and region != area else region or area
    lines = [d["name"], f"{tr('Art')}: {d['kind']}"]
    if where:
        lines.append(f"{tr('Region')}: {where}")
    if d.get("topics"):
        lines.append(f"{tr('Themen')}: {names_of(d['topics'], vocab.topics)}")
    if d.get("alliances"):
        lines.append(f"{tr('Bündnisse')}: {names_of(d['alliances'], vocab.alliances, 3)}")
    if degree is not None:
        lines.append(f"{tr('Kooperationen')}: {degree}")
    return lines


def edge_tip(g: nx.Graph, a: Hashable, b: Hashable, d: dict[str, Any], tr: Tr) -> list[str]:
    lines = [f"{g.nodes[a]['name']} – {g.nodes[b]['name']}", f"{tr('Art')}: {d['kind'] or '–'}"]
    lines.append(f"{tr('Intensität')}: {tr(INTENSITIES.get(d['intensity'], '–'))}")
    for key, title in (("value", "Wert"), ("trust", "Vertrauen")):
        if d.get(key) in SCALE:
            lines.append(f"{tr(title)}: {d[key]} – {tr(SCALE[d[key]])}")
    since, until = d.get("since"), d.get("until")
    if since or until:
        span = f"{since.strftime('%d.%m.%Y') if since else '…'} – "
        span += until.strftime("%d.%m.%Y") if until else tr("heute")
        lines.append(f"{tr('Zeitraum')}: {span}")
    return lines


def organisation_words(flt: Filter, vocab: Vocabulary, tr: Tr) -> str:
    """The organisation filter in words: "Partner: Stadt Trier", "Verbindungen über die
    Grenze"; empty for the whole region."""
    if not flt.organisation:
        return ""
    if flt.organisation == ACROSS:
        return tr(ACROSS_TITLE)
    name = vocab.organisations.get(flt.organisation, flt.organisation)
    return f"{tr('Partner')}: {name}"


def filter_caption(flt: Filter, vocab: Vocabulary, tr: Tr) -> str:
    """The filter and date in words, for the offline picture and the printed one."""
    parts = [organisation_words(flt, vocab, tr)] if flt.organisation else []
    for title, value, names in (
        ("Bündnis", flt.alliance, vocab.alliances),
        ("Projekt", flt.project, vocab.projects),
        ("Thema", flt.topic, vocab.topics),
        ("Bildungsstufe", flt.stage, vocab.stages),
        ("Zielgruppe", flt.target_group, vocab.target_groups),
        ("Region", flt.region, vocab.regions),
    ):
        if value:
            parts.append(f"{tr(title)}: {names.get(value, value)}")
    if flt.actor_kinds:
        parts.append(f"{tr('Art des Akteurs')}: {', '.join(flt.actor_kinds)}")
    if flt.cooperation_kinds:
        parts.append(f"{tr('Art der Kooperation')}: {', '.join(flt.cooperation_kinds)}")
    if not parts:
        parts.append(tr("ganze Region, alle Akteure"))
    if flt.as_of:
        parts.append(f"{tr('Stand am')} {flt.as_of.strftime('%d.%m.%Y')}")
    return " · ".join(parts)
