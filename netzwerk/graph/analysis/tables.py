"""Every analysis result as a flat table (German headers), for CSV, XLSX and the CLI.

Cells are ``str``, ``int`` or ``float``; text cells that a spreadsheet would evaluate as a
formula (starting with = + - @ tab CR) are neutralised with a leading apostrophe, because
actor names are user input.

Headers are German words marked ``N_`` (the web translates the header row); the words this
module writes into cells (a transition's status, a brokerage role, a grouping, a
suggestion's reasons, the labels of the border table) go through ``tr``, so a table for an
English reader says them in English. :func:`to_csv` writes numbers as the reader's
spreadsheet reads them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import networkx as nx
from babel.numbers import format_decimal

from netzwerk.graph.analysis._util import GROUPINGS, vocab
from netzwerk.graph.analysis.brokerage import ROLE_TITLES, ROLES
from netzwerk.graph.analysis.cores import core_number
from netzwerk.graph.analysis.metrics import METRICS
from netzwerk.graph.analysis.report import GapReport
from netzwerk.graph.analysis.suggestions import reasons
from netzwerk.graph.core.i18n import N_
from netzwerk.graph.formats.common import neutralise
from netzwerk.graph.formats.csv_writer import write_rows
from netzwerk.graph.formats.xlsx_writer import Sheet, write_sheets

Cell = str | int | float
Table = list[list[Cell]]

PER_ACTOR_ROWS = 1000
"""Rows of the per-actor sections of the report (most relevant first); every actor's
values are in the metric table (:func:`metrics_table`)."""

SECTIONS: dict[str, str] = {
    "isoliert": N_("Isolierte Akteure"),
    "schwach": N_("Nur eine Kooperation"),
    "passiv": N_("Passive Bündnismitglieder"),
    "schluesselakteure": N_("Schlüsselakteure"),
    "bruecken": N_("Einzige Verbindungen"),
    "vermittler": N_("Vermittler"),
    "teilnetze": N_("Teilnetze"),
    "gemeinschaften": N_("Arbeitszusammenhänge"),
    "unverbunden": N_("Unverbundene Arbeitszusammenhänge"),
    "abdeckung_stufen": N_("Abdeckung Region x Stufe"),
    "abdeckung_themen": N_("Abdeckung Region x Thema"),
    "uebergaenge": N_("Bildungsübergänge"),
    "reichweite": N_("Bündnis-Reichweite"),
    "ueberschneidung": N_("Bündnis-Überschneidung"),
    "vorschlaege": N_("Partnervorschläge"),
    "grenze": N_("Stadt-Landkreis"),
    "rollen": N_("Vermittlungsrollen"),
    "offenheit": N_("Offenheit E-I"),
    "loecher": N_("Strukturelle Löcher"),
    "kern": N_("Kern und Rand"),
}


def _clean(cell: Any) -> Cell:
    if isinstance(cell, bool):
        return "ja" if cell else "nein"
    if isinstance(cell, int | float):
        return cell
    return neutralise(str(cell if cell is not None else ""))


def _same(text: str) -> str:
    return text


def tables(rep: GapReport, g: nx.Graph, tr: Callable[[str], str] = _same) -> dict[str, Table]:
    """All sections of the report as tables (header row first), keyed as :data:`SECTIONS`;
    the words in cells through ``tr`` (German unless it translates)."""
    v = vocab(g)

    def nm(n: Any) -> str:
        return str(g.nodes[n].get("name", n)) if n in g else str(n)

    def actor(n: Any) -> list[Any]:
        d = g.nodes[n] if n in g else {}
        return [nm(n), d.get("kind", ""), d.get("region_name", ""), n]

    head = [N_("Akteur"), N_("Art"), N_("Region"), N_("ID")]
    out: dict[str, list[list[Any]]] = {}
    out["isoliert"] = [head] + [actor(n) for n in rep.isolated]
    out["schwach"] = [[*head, N_("einziger Partner")]] + [
        [*actor(n), ", ".join(nm(p) for p in ps)] for n, ps in rep.weak
    ]
    out["passiv"] = [[N_("Bündnis"), *head, N_("Mitglieder"), N_("Kooperationen insgesamt")]] + [
        [v.alliances.get(p.alliance, p.alliance), *actor(p.actor), p.members, p.links]
        for p in rep.passive
    ]
    out["schluesselakteure"] = [[*head, N_("abgeschnittene Akteure"), N_("Teile")]] + [
        [*actor(c.actor), c.cut_off, c.pieces] for c in rep.cut_points
    ]
    out["bruecken"] = [[N_("Akteur A"), N_("Akteur B"), N_("abgeschnittene Akteure")]] + [
        [nm(b.u), nm(b.v), b.cut_off] for b in rep.bridges
    ]
    ranked = sorted(rep.brokers.centrality.items(), key=lambda kv: -kv[1])[:50]
    out["vermittler"] = [[N_("Rang"), *head, N_("Betweenness"), N_("geschätzt")]] + [
        [i + 1, *actor(n), round(c, 5), rep.brokers.sampled]
        for i, (n, c) in enumerate(ranked)
        if c > 0
    ]
    out["teilnetze"] = [[N_("Nr."), N_("Akteure"), N_("Mitglieder")]] + [
        [i + 1, len(c), ", ".join(nm(n) for n in c[:50])]
        for i, c in enumerate(rep.islands.components)
    ]
    comms = rep.islands.communities
    out["gemeinschaften"] = [
        [N_("Nr."), N_("Bezeichnung"), N_("Akteure"), N_("interne Kooperationen"), N_("Mitglieder")]
    ] + [
        [
            c.index + 1,
            c.label,
            len(c.members),
            c.internal_links,
            ", ".join(nm(n) for n in c.members[:50]),
        ]
        for c in comms
    ]
    out["unverbunden"] = [
        [N_("Nr. A"), N_("Bezeichnung A"), N_("Nr. B"), N_("Bezeichnung B"), N_("Akteure zusammen")]
    ] + [
        [
            a + 1,
            comms[a].label,
            b + 1,
            comms[b].label,
            len(comms[a].members) + len(comms[b].members),
        ]
        for a, b in rep.islands.unconnected_pairs
    ]
    for key, cov in (
        ("abdeckung_stufen", rep.coverage_stage),
        ("abdeckung_themen", rep.coverage_topic),
    ):
        rows: list[list[Any]] = [[N_("Region"), N_("Ebene"), *(name for _, name in cov.columns)]]
        for r in cov.rows:
            rows.append(
                [r.name, tr(N_("Gebiet")) if r.level == 0 else r.kind]
                + [len(cov.cell(r.id, c).actors) for c, _ in cov.columns]
            )
        out[key] = rows
    trans = rep.transitions
    out["uebergaenge"] = [
        [
            N_("Region"),
            N_("von"),
            N_("nach"),
            N_("Akteure von"),
            N_("Akteure nach"),
            N_("Kooperationen"),
            N_("Status"),
        ]
    ] + [
        [
            v.regions.get(c.region, c.region),
            v.stages.get(c.lower, c.lower),
            v.stages.get(c.upper, c.upper),
            c.lower_actors,
            c.upper_actors,
            len(c.links),
            tr(c.status),
        ]
        for r in trans.rows
        for a, b in trans.pairs
        for c in [trans.cell(r.id, a, b)]
    ]
    out["reichweite"] = [
        [
            N_("Bündnis"),
            *head,
            N_("gemeinsame Themen"),
            N_("gemeinsame Stufen"),
            N_("Kooperationen mit Mitgliedern"),
        ]
    ] + [
        [
            v.alliances.get(r.alliance, r.alliance),
            *actor(c.actor),
            ", ".join(v.topics.get(t, t) for t in c.shared_topics),
            ", ".join(v.stages.get(s, s) for s in c.shared_stages),
            c.links_to_members,
        ]
        for r in rep.reach
        for c in r.candidates
    ]
    out["ueberschneidung"] = [
        [N_("Bündnis A"), N_("Bündnis B"), N_("gemeinsame Mitglieder"), N_("Jaccard")]
    ] + [
        [v.alliances.get(o.a, o.a), v.alliances.get(o.b, o.b), o.shared, round(o.jaccard, 3)]
        for o in rep.overlap
    ]
    out["vorschlaege"] = [
        [N_("Akteur A"), N_("Akteur B"), N_("Punkte"), N_("Gründe"), N_("ID A"), N_("ID B")]
    ] + [[nm(s.a), nm(s.b), s.score, reasons(s, tr), s.a, s.b] for s in rep.suggestions]
    out["grenze"] = _border(rep, nm, v.regions, tr)
    roles = rep.brokerage
    ranked_roles = sorted(roles.counts.items(), key=lambda kv: (-sum(kv[1].values()), str(kv[0])))
    out["rollen"] = [[*head, *(ROLE_TITLES[r] for r in ROLES), N_("Hauptrolle")]] + [
        [*actor(n), *(c[r] for r in ROLES), _role(roles.role[n], tr)]
        for n, c in ranked_roles[:PER_ACTOR_ROWS]
        if any(c.values())
    ]
    offen: list[list[Any]] = [
        [
            N_("Gruppierung"),
            N_("Gruppe"),
            N_("Akteure"),
            N_("intern"),
            N_("extern"),
            N_("E-I"),
            N_("E-I erwartet"),
        ]
    ]
    for by, mix in rep.mixing.items():
        offen.append(
            [
                tr(GROUPINGS[by]),
                tr(N_("alle")),
                "",
                mix.internal,
                mix.external,
                _round(mix.ei),
                round(mix.expected, 3),
            ]
        )
        offen += [
            [
                tr(GROUPINGS[by]),
                x.group,
                x.actors,
                x.internal,
                x.external,
                _round(x.ei),
                round(x.expected, 3),
            ]
            for x in mix.groups
        ]
    out["offenheit"] = offen
    h = rep.holes
    linked = sorted((n for n in g if g.degree(n)), key=lambda n: (-h.effective_size[n], str(n)))
    out["loecher"] = [[*head, N_("Kooperationen"), N_("effektive Größe"), N_("Constraint")]] + [
        [*actor(n), g.degree(n), round(h.effective_size[n], 3), round(h.constraint[n], 4)]
        for n in linked[:PER_ACTOR_ROWS]
    ]
    numbers = core_number(g)
    inner = set(rep.cores.core)
    out["kern"] = [[*head, N_("Kernzahl"), N_("innerer Kern")]] + [
        [*actor(n), k, n in inner]
        for n, k in sorted(numbers.items(), key=lambda nk: (-nk[1], str(nk[0])))[:PER_ACTOR_ROWS]
        if k > 0
    ]
    return {k: [[_clean(c) for c in row] for row in rows] for k, rows in out.items()}


def _role(role: Any, tr: Callable[[str], str]) -> str:
    title = ROLE_TITLES.get(role, "")
    return tr(title) if title else ""


def _border(
    rep: GapReport, nm: Callable[[Any], str], regions: dict[str, str], tr: Callable[[str], str]
) -> list[list[Any]]:
    """The city/district border as label and value rows."""
    b = rep.border
    rows: list[list[Any]] = [[N_("Kennzahl"), N_("Wert")]]
    within = tr(N_("Kooperationen innerhalb %(area)s"))
    rows += [[within % {"area": name}, b.within.get(area, 0)] for area, name in b.areas]
    rows.append([tr(N_("Kooperationen über die Grenze")), b.across])
    rows.append([tr(N_("Anteil über die Grenze")), round(b.share, 3)])
    crosser = tr(N_("Grenzgänger: %(name)s"))
    rows += [[crosser % {"name": nm(n)}, k] for n, k in b.crossers]
    apart = tr(N_("ohne Verbindung: %(region)s"))
    rows += [[apart % {"region": regions.get(p, p)}, 0] for p in b.parts_without_link]
    return rows


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 3)


def metrics_table(
    g: nx.Graph, table: dict[Any, dict[str, Any]], tr: Callable[[str], str] = _same
) -> Table:
    """The per-actor metric table (:func:`.metrics.metric_table`) for CSV/XLSX, German
    headers, actors in the order of ``table``; the brokerage role through ``tr``."""
    keys = list(next(iter(table.values()), {}))
    head = [N_("Akteur"), N_("Art"), N_("Region"), N_("ID"), *(METRICS[k].title for k in keys)]
    rows: list[list[Any]] = [head]
    for n, values in table.items():
        d = g.nodes[n]
        cells = []
        for k in keys:
            value = values[k]
            if isinstance(value, float):
                value = "" if math.isnan(value) else round(value, 6)
            elif k == "brokerage_role" and value:
                value = tr(value)
            cells.append(value)
        rows.append([d.get("name", n), d.get("kind", ""), d.get("region_name", ""), n, *cells])
    return [[_clean(c) for c in row] for row in rows]


NUMBER_FORMATS = {"de": ("#,##0.######", "de_DE", ";"), "en": ("0.######", "en_US", ",")}
"""Per language: the number pattern, Babel's locale and the CSV separator (see :func:`to_csv`)."""


def to_csv(table: Table, language: str = "de") -> bytes:
    """CSV as a spreadsheet in the reader's language opens it by double-click (UTF-8 BOM,
    CRLF).

    German (and any language without its own entry): ``;`` between cells, decimal comma and
    thousands dots. German Excel splits on its list separator ``;`` (because ``,`` is the
    decimal mark) and reads ``0.0635`` as a date or text, ``0,0635`` as a number.

    English: ``,`` between cells and a decimal point without thousands separators
    (``1234567.25``). Excel and LibreOffice in an English locale split on ``,``, their list
    separator, and show a ``;`` file as one column; a grouped ``1,234,567.25`` would have to
    be quoted and is read as text by most other tools (pandas, R), a plain one as a number
    by all of them.
    """
    pattern, locale, separator = NUMBER_FORMATS.get(language[:2], NUMBER_FORMATS["de"])
    return write_rows(
        [[_csv_cell(c, pattern, locale) for c in row] for row in table], delimiter=separator
    )


def _csv_cell(cell: Cell, pattern: str, locale: str) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return str(cell)
    return str(format_decimal(cell, format=pattern, locale=locale))


def to_xlsx(sections: dict[str, Table], titles: dict[str, str] | None = None) -> bytes:
    """One workbook, one sheet per section, bold frozen header, numbers as numbers."""
    titles = titles or SECTIONS
    return write_sheets(
        Sheet(titles.get(key, key), [str(h) for h in table[0]] if table else [], table[1:])
        for key, table in sections.items()
    )


def to_text(table: Table, limit: int = 30, fmt: Callable[[Cell], str] = str) -> str:
    """A plain-text table for the terminal (first ``limit`` rows)."""
    rows = [[fmt(c) for c in row] for row in table[: limit + 1]]
    if not rows:
        return ""
    widths = [
        min(40, max(len(r[i]) if i < len(r) else 0 for r in rows)) for i in range(len(rows[0]))
    ]
    lines = ["  ".join(c[:40].ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    if len(table) - 1 > limit:
        lines.append(f"… {len(table) - 1 - limit} weitere Zeilen")
    return "\n".join(lines)
