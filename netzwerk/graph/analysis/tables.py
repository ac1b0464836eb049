"""Every analysis result as a flat table (German headers), for CSV, XLSX and the CLI.

Cells are ``str``, ``int`` or ``float``; text cells that a spreadsheet would evaluate as a
formula (starting with = + - @ tab CR) are neutralised with a leading apostrophe, because
actor names are user input.
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


def tables(rep: GapReport, g: nx.Graph) -> dict[str, Table]:
    """All sections of the report as tables (header row first), keyed as :data:`SECTIONS`."""
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
                [r.name, N_("Gebiet") if r.level == 0 else r.kind]
                + [len(cov.cell(r.id, c).actors) for c, _ in cov.columns]
            )
        out[key] = rows
    tr = rep.transitions
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
            c.status,
        ]
        for r in tr.rows
        for a, b in tr.pairs
        for c in [tr.cell(r.id, a, b)]
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
    ] + [[nm(s.a), nm(s.b), s.score, s.reasons, s.a, s.b] for s in rep.suggestions]
    b = rep.border
    grenze: list[list[Any]] = [[N_("Kennzahl"), N_("Wert")]]
    for area, name in b.areas:
        grenze.append([f"Kooperationen innerhalb {name}", b.within.get(area, 0)])
    grenze.append([N_("Kooperationen über die Grenze"), b.across])
    grenze.append([N_("Anteil über die Grenze"), round(b.share, 3)])
    grenze += [[f"Grenzgänger: {nm(n)}", k] for n, k in b.crossers]
    grenze += [[f"ohne Verbindung: {v.regions.get(p, p)}", 0] for p in b.parts_without_link]
    out["grenze"] = grenze
    roles = rep.brokerage
    ranked_roles = sorted(roles.counts.items(), key=lambda kv: (-sum(kv[1].values()), str(kv[0])))
    out["rollen"] = [[*head, *(ROLE_TITLES[r] for r in ROLES), N_("Hauptrolle")]] + [
        [*actor(n), *(c[r] for r in ROLES), ROLE_TITLES.get(roles.role[n], "")]
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
                GROUPINGS[by],
                N_("alle"),
                "",
                mix.internal,
                mix.external,
                _round(mix.ei),
                round(mix.expected, 3),
            ]
        )
        offen += [
            [
                GROUPINGS[by],
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


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 3)


def metrics_table(g: nx.Graph, table: dict[Any, dict[str, Any]]) -> Table:
    """The per-actor metric table (:func:`.metrics.metric_table`) for CSV/XLSX, German
    headers, actors in the order of ``table``."""
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
            cells.append(value)
        rows.append([d.get("name", n), d.get("kind", ""), d.get("region_name", ""), n, *cells])
    return [[_clean(c) for c in row] for row in rows]


def to_csv(table: Table) -> bytes:
    """CSV as German Excel opens it (UTF-8 BOM, ``;``, CRLF, numbers with decimal comma and
    thousands dots: German Excel reads ``0.0635`` as a date or text, ``0,0635`` as a number)."""
    return write_rows([[_csv_cell(c) for c in row] for row in table])


def _csv_cell(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return str(cell)
    return str(format_decimal(cell, format="#,##0.######", locale="de_DE"))


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
