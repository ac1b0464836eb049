"""What the Netzwerkbericht says, as document blocks for its PDF and DOCX.

The same sections as the report page (``gaps/report.html``): key figures, the network
picture, the main findings each with its "Was tun?", structure, new cooperations per year
(with a note while the year is still running), counts, key actors, actors without a
cooperation, empty fields region × stage, the Bildungsmonitoring chapter (coverage weighted
by demand, where indicators exist), the links across the border between the offices (a
report of the whole region on an instance several offices share) and one picture per
alliance. Its title names the office or the region it is made for. Numbers and dates
are written in the reader's locale with Babel (decimal comma and ``07.12.2026`` in German).
The pictures are drawn from the same positions as the web picture (the layout cache of
:mod:`netzwerk.graph.pictures.layout`), by :mod:`netzwerk.graph.pictures.vector`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import networkx as nx
from babel.dates import format_date
from babel.numbers import format_decimal
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from netzwerk.graph.analysis._util import vocab
from netzwerk.graph.analysis.brokerage import ROLE_TITLES
from netzwerk.graph.analysis.offices import offices
from netzwerk.graph.analysis.report import GapReport
from netzwerk.graph.analysis.scope import Scope, of_selection
from netzwerk.graph.formats.document import Block, Document, Finding, Picture, Section, Table, Text
from netzwerk.graph.indicators.joined import WEIGHTINGS, Joined, needs
from netzwerk.graph.network.filters import ACROSS, Filter
from netzwerk.graph.network.snapshot import Snapshot, Vocabulary
from netzwerk.graph.pictures import cooperation_picture, filter_caption, vector
from netzwerk.graph.pictures.paper import for_print
from netzwerk.graph.pictures.styles import Tr

WIDTH = 468.0
"""The text width of an A4 page with 2 cm margins (less the frame's padding), in points."""
ALLIANCE_PICTURES = 12
"""At most this many alliance pictures (the largest alliances): a report, not an atlas."""


@dataclass(frozen=True)
class Words:
    """How numbers and dates are written for the reader (``de`` or ``en``)."""

    locale: str = "de"

    def num(self, value: float, digits: int = 0) -> str:
        body = "#,##0" + ("." + "0" * digits if digits else "")
        return str(format_decimal(value, format=body, locale=self.locale))

    def signed(self, value: float | None, digits: int = 2) -> str:
        if value is None:
            return "–"
        body = "#,##0." + "0" * digits
        return str(format_decimal(value, format=f"+{body};−{body}", locale=self.locale))

    def day(self, d: date) -> str:
        return str(format_date(d, format="medium", locale=self.locale))


def alliances_in(
    g: nx.Graph, snap: Snapshot, limit: int = ALLIANCE_PICTURES
) -> list[tuple[str, str]]:
    """(id, name) of the alliances with at least two members in ``g``, largest first."""
    members: Counter[str] = Counter()
    for _n, d in g.nodes(data=True):
        members.update(d.get("alliances", ()))
    names = snap.vocabulary.alliances
    ranked = sorted(
        (a for a, n in members.items() if n >= 2 and a in names),
        key=lambda a: (-members[a], names[a].casefold()),
    )
    return [(a, names[a]) for a in ranked[:limit]]


def picture(snap: Snapshot, flt: Filter, tr: Tr) -> dict[str, Any]:
    """The cooperation picture of ``flt`` as the web shows it (coloured by kind, sized by
    cooperations, same layout), without links into the application."""
    whole = cooperation_picture(snap, flt, link=lambda _label, _id: "", drill=lambda _p: "", tr=tr)
    return for_print(whole, tr)


def through(per_year: list[tuple[int, int]], year: int) -> list[tuple[int, int]]:
    """New cooperations per year up to ``year``: the years since the last dated one count
    0, so a chart of a quiet year does not end in the year before as if no data existed.

    Examples
    --------
    >>> through([(2024, 3)], 2026)
    [(2024, 3), (2025, 0), (2026, 0)]
    """
    if not per_year or per_year[-1][0] >= year:
        return per_year
    return per_year + [(y, 0) for y in range(per_year[-1][0] + 1, year + 1)]


def figure(payload: dict[str, Any], tr: Tr, *, alliance: bool = False) -> Drawing:
    """The overview with its legend across the text width; an alliance's picture without
    one (its colours are the overview's), so two fit on a page."""
    if alliance:
        return vector.figure(payload, "", WIDTH, 280, legend_width=0)
    return vector.figure(payload, tr("Legende"), WIDTH, 360)


def running_year_note(per_year: list[tuple[int, int]], day: date, words: Words, tr: Tr) -> str:
    """ "2026 läuft noch, Stand 07.12.2026" when the chart's last bar is the year of ``day``
    and that year is not over: a short bar is no decline."""
    if not per_year or per_year[-1][0] != day.year or (day.month, day.day) == (12, 31):
        return ""
    return tr("%(year)s läuft noch, Stand %(day)s.") % {"year": day.year, "day": words.day(day)}


def bar_chart(per_year: list[tuple[int, int]], running: int | None, height: float = 170) -> Drawing:
    """New cooperations per year as a bar chart (the running year lighter)."""
    vector.fonts()
    d = Drawing(WIDTH, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 22
    chart.width, chart.height = int(WIDTH - 50), int(height - 32)
    chart.data = [[n for _y, n in per_year]]
    chart.categoryAxis.categoryNames = [str(y) for y, _n in per_year]
    every = max(1, len(per_year) // 12)
    chart.categoryAxis.categoryNames = [
        str(y) if i % every == 0 else "" for i, (y, _n) in enumerate(per_year)
    ]
    chart.valueAxis.valueMin = 0
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = vector.FONT, 7
    chart.bars[0].fillColor = colors.HexColor("#0b6e7f")
    chart.bars[0].strokeColor = None
    for i, (year, _n) in enumerate(per_year):
        if year == running:
            chart.bars[(0, i)].fillColor = colors.HexColor("#9fd0d8")
    d.add(chart)
    if not per_year:
        d.add(String(36, height / 2, "–", fontName=vector.FONT, fontSize=9))
    return d


def _figures(rep: GapReport, w: Words, tr: Tr) -> Section:
    k = rep.figures
    rows = [
        (tr("Akteure"), w.num(k.actors)),
        (tr("Kooperationen"), w.num(k.cooperations)),
        (tr("Kooperationen je Akteur (Mittel)"), w.num(k.average_degree, 1)),
        (tr("Dichte"), f"{w.num(k.density * 100, 1)} %"),
        (tr("Teilnetze (inkl. Einzelne)"), w.num(k.components)),
        (tr("Größtes Teilnetz"), w.num(k.largest_component)),
    ]
    return Section(
        tr("Kennzahlen"),
        _explained(
            rows,
            tr(
                "Dichte: Anteil der möglichen Paare, die kooperieren. In Netzwerken von "
                "Organisationen ist sie immer klein; aussagekräftig ist der Vergleich über "
                "die Zeit."
            ),
        ),
    )


def _explained(rows: list[tuple[str, str]], explanation: str) -> list[Block]:
    """Figures (name, number) and what they mean."""
    return [Table(rows, numeric=frozenset({1})), Text(explanation, "small")]


def _findings(rep: GapReport, g: nx.Graph, w: Words, tr: Tr, scope: Scope) -> Section:
    label = tr("Was tun?")
    found = rep.findings(g, scope)
    blocks: list[Block] = [
        Finding(i, f.say(tr, w.locale), tr(f.todo), label) for i, f in enumerate(found, start=1)
    ]
    if not blocks:
        blocks.append(Text(tr("Keine Lücken gefunden.")))
    blocks += [Text(note.say(tr, w.locale), "small") for note in rep.notes]
    return Section(tr("Die wichtigsten Lücken"), blocks)


def _structure(rep: GapReport, w: Words, tr: Tr) -> Section:
    kind_mix, area_mix = rep.mixing["kind"], rep.mixing["area"]
    rows = [
        (tr("E–I-Index Akteursarten"), w.signed(kind_mix.ei)),
        (tr("erwartet bei Zufall"), w.signed(kind_mix.expected)),
        (tr("E–I-Index Stadt/Landkreis"), w.signed(area_mix.ei)),
        (tr("Innerer Kern (k = %(k)s)") % {"k": rep.cores.k}, w.num(len(rep.cores.core))),
    ]
    roles = [(tr(ROLE_TITLES[r]), w.num(n)) for r, n in rep.brokerage.totals.items()]
    explanation = tr(
        "E–I-Index: −1 nur Kooperationen innerhalb der eigenen Gruppe, +1 nur mit "
        "anderen. Innerer Kern: der größte Kreis, in dem jeder mindestens k "
        "Kooperationen mit anderen des Kreises hat."
    )
    return Section(
        tr("Struktur"),
        [
            *_explained(rows, explanation),
            Table(
                roles,
                caption=tr("Vermittlungsrollen nach Akteursart (vermittelte Paare)"),
                numeric=frozenset({1}),
            ),
        ],
    )


def _years(rep: GapReport, day: date, w: Words, tr: Tr) -> Section:
    k = rep.figures
    per_year = through(k.per_year, day.year)
    note = running_year_note(per_year, day, w, tr)
    blocks: list[Block] = []
    if per_year:
        running = day.year if note else None
        blocks.append(Picture(bar_chart(per_year, running), ""))
    else:
        blocks.append(Text(tr("Keine datierten Kooperationen.")))
    if note:
        blocks.append(Text(note, "note"))
    if k.undated:
        blocks.append(
            Text(
                tr("%(n)s Kooperationen ohne Beginn-Datum sind nicht enthalten.")
                % {"n": w.num(k.undated)},
                "small",
            )
        )
    return Section(tr("Neue Kooperationen je Jahr"), blocks)


def _counts(rep: GapReport, w: Words, tr: Tr) -> list[Section]:
    k = rep.figures

    def table(pairs: list[tuple[str, int]]) -> Table:
        return Table([(name, w.num(n)) for name, n in pairs], numeric=frozenset({1}))

    return [
        Section(tr("Akteure nach Art"), [table([(tr(kind), n) for kind, n in k.by_kind])]),
        Section(tr("Akteure nach Bildungsstufe"), [table(k.by_stage)]),
        Section(tr("Akteure nach Gebiet"), [table(k.by_area)]),
        Section(tr("Akteure nach Region (Sitz)"), [table(k.by_region)]),
    ]


def _actors(rep: GapReport, g: nx.Graph, w: Words, tr: Tr) -> list[Section]:
    def name(n: Any) -> str:
        return str(g.nodes[n].get("name", n)) if n in g else str(n)

    key = Table(
        [(name(c.actor), w.num(c.cut_off)) for c in rep.cut_points[:10]],
        header=(tr("Akteur"), tr("ohne ihn abgeschnitten")),
        numeric=frozenset({1}),
    )
    isolated = "; ".join(name(n) for n in rep.isolated) or tr("keine")
    v = vocab(g)
    by_region: dict[str, list[str]] = {}
    for c in rep.coverage_stage.gaps():
        region = str(v.regions.get(c.region, c.region))
        by_region.setdefault(region, []).append(str(v.stages.get(c.column, c.column)))
    cells = [(region, ", ".join(stages)) for region, stages in by_region.items()]
    empty: list[Block] = [
        Table(cells, header=(tr("Region"), tr("Bildungsstufen ohne Akteur vor Ort")))
    ]
    return [
        Section(tr("Schlüsselakteure"), [key] if key.rows else [Text(tr("keine"))]),
        Section(tr("Akteure ohne Kooperation"), [Text(isolated)]),
        Section(tr("Lücken Region × Bildungsstufe"), empty if cells else [Text(tr("keine"))]),
    ]


def _pictures(snap: Snapshot, flt: Filter, g: nx.Graph, tr: Tr) -> tuple[Section, Section | None]:
    overview = picture(snap, flt, tr)
    caption = " · ".join(
        t for t in (filter_caption(flt, snap.vocabulary, tr), overview["print_note"]) if t
    )
    whole = Section(tr("Netzwerkbild"), [Picture(figure(overview, tr), caption)])
    if flt.alliance:
        return whole, None
    alliances = Section(tr("Bündnisse"))
    for aid, name in alliances_in(g, snap):
        payload = picture(snap, replace(flt, alliance=aid), tr)
        drawn = figure(payload, tr, alliance=True)
        alliances.blocks.append(
            Picture(drawn, " · ".join(t for t in (name, payload["print_note"]) if t))
        )
    return whole, alliances if alliances.blocks else None


def report_title(flt: Filter, vocab: Vocabulary, tr: Tr) -> str:
    """ "Netzwerkbericht Stadt Trier" for one office's partners; for the whole region on an
    instance several offices share, the region at the top of the region tree ("Netzwerkbericht
    Bildungsregion Trier"; two or three such regions joined by "und", else the number of
    offices); a single office's report is just the "Netzwerkbericht"."""
    title = tr("Netzwerkbericht")
    if flt.organisation == ACROSS:
        return f"{title}: {tr('Verbindungen über die Grenze')}"
    if flt.organisation:
        return f"{title} {vocab.organisations.get(flt.organisation, flt.organisation)}"
    if len(vocab.organisations) < 2:
        return title
    tops = sorted(
        (name for rid, name in vocab.regions.items() if rid not in vocab.region_parent),
        key=str.casefold,
    )
    if 0 < len(tops) <= 3:
        return f"{title} {(' ' + tr('und') + ' ').join(tops)}"
    return f"{title} ({len(vocab.organisations)} {tr('Organisationen')})"


def across_offices(g: nx.Graph, vocab: Vocabulary, w: Words, tr: Tr) -> Section | None:
    """The links across the border between the offices: per office its actors, its
    cooperations inside and across, and which offices are linked how often. None when one
    office keeps every actor (nothing crosses)."""
    found = offices(g)
    if not found.shared:
        return None

    def name(org: str) -> str:
        return vocab.organisations.get(org, org)

    per_office = Table(
        [
            (name(r.org), w.num(r.actors), w.num(r.inside), w.num(r.across), w.num(r.bridging))
            for r in found.rows
        ],
        header=(
            tr("Organisation"),
            tr("Akteure"),
            tr("Kooperationen innen"),
            tr("über die Grenze"),
            tr("Akteure an der Grenze"),
        ),
        numeric=frozenset({1, 2, 3, 4}),
    )
    total = g.number_of_edges()
    share = w.num(100 * found.across / total, 1) if total else w.num(0)
    blocks: list[Block] = [
        Text(
            tr(
                "Kooperationen, deren Partner von verschiedenen Organisationen gepflegt "
                "werden: hier berühren sich die Netzwerke der Büros. Gezählt wird, wer einen "
                "Akteur pflegt, nicht wo er sitzt; die Zahl kann daher von der Grenze "
                "Stadt/Landkreis in den Befunden abweichen."
            ),
            "small",
        ),
        Text(
            tr("%(across)s von %(total)s Kooperationen (%(share)s %%) gehen über die Grenze.")
            % {"across": w.num(found.across), "total": w.num(total), "share": share}
        ),
        per_office,
    ]
    if found.pairs:
        blocks.append(
            Table(
                [(name(a), name(b), w.num(n)) for a, b, n in found.pairs[:15]],
                header=(tr("Organisation"), tr("Organisation"), tr("Kooperationen")),
                numeric=frozenset({2}),
            )
        )
    return Section(tr("Verbindungen über die Grenze"), blocks)


def monitoring(view: Joined, w: Words, tr: Tr) -> Section | None:
    """Bildungsmonitoring: the weighted coverage of the regions with a demand, and the parts
    with the greatest need first (as on the report page); None without indicators."""
    rows = view.weighted_rows
    if not rows:
        return None

    def ratio(value: float | None) -> str:
        return "–" if value is None else w.num(value, 1)

    header = (tr("Region"), *(tr(weighting.title) for weighting in WEIGHTINGS))
    table = Table(
        [(r.name, *(ratio(x.ratio) for x in r.weighted)) for r in rows],
        header=header,
        numeric=frozenset(range(1, len(header))),
    )
    needs_table = Table(
        [
            (n.name, tr(n.weighted.weighting.title), ratio(n.weighted.ratio))
            for n in needs(view)[:10]
        ],
        header=(tr("Region"), tr("Merkmal"), tr("Wert")),
        numeric=frozenset({2}),
    )
    blocks: list[Block] = [
        Text(
            tr(
                "Angebote und Kooperationen des Netzwerks je Bedarf (Indikatoren des letzten "
                "Jahres mit vollständigen Zahlen)."
            ),
            "small",
        ),
        table,
    ]
    if needs_table.rows:
        blocks += [Text(tr("Wo der Bedarf am größten ist")), needs_table]
    return Section(tr("Bildungsmonitoring: Abdeckung nach Bedarf"), blocks)


def report_document(
    rep: GapReport,
    g: nx.Graph,
    snap: Snapshot,
    flt: Filter,
    *,
    tr: Tr,
    locale: str = "de",
    today: date | None = None,
    indicators: Joined | None = None,
    changes: Section | None = None,
) -> Document:
    """The Netzwerkbericht of ``flt`` (``g`` is its filtered graph, ``rep`` its report;
    ``indicators`` the joined view of the Bildungsmonitoring, a chapter of its own;
    ``changes`` the chapter "Was hat sich verändert?", after the findings)."""
    today = today or date.today()
    w = Words(locale)
    day = flt.as_of or today
    meta = " · ".join(
        [
            f"{tr('Stichtag')} {w.day(day)}",
            f"{tr('erstellt am')} {w.day(today)}",
            filter_caption(replace(flt, as_of=None), snap.vocabulary, tr),
        ]
    )
    whole, alliances = _pictures(snap, flt, g, tr)
    border = across_offices(g, snap.vocabulary, w, tr) if not flt.organisation else None
    sections = [
        whole,
        _figures(rep, w, tr),
        _findings(rep, g, w, tr, of_selection(snap, flt, g)),
        *([changes] if changes else []),
        _structure(rep, w, tr),
        _years(rep, day, w, tr),
        *_counts(rep, w, tr),
        *_actors(rep, g, w, tr),
    ]
    if border:
        sections.insert(3, border)
    chapter = monitoring(indicators, w, tr) if indicators is not None else None
    if chapter:
        sections.append(chapter)
    if alliances:
        sections.append(alliances)
    title = report_title(flt, snap.vocabulary, tr)
    return Document(title, meta, sections, language=locale)
