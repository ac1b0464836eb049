"""The Netzwerkbericht's chapter "Was hat sich verändert?", as document blocks for its PDF,
DOCX and ODT.

It compares the network on the report's day with an earlier day the reader picks (one year
before by default): the key figures then → now (:mod:`netzwerk.graph.analysis.change`),
then who and what came and went (:mod:`netzwerk.graph.analysis.turnover`): actors,
cooperations and each alliance's members. Long lists are cut to :data:`LIMIT` rows with
the number left out, so the chapter stays a chapter.
"""

from __future__ import annotations

from collections.abc import Sequence

from netzwerk.graph.analysis.change import Change, Delta
from netzwerk.graph.analysis.turnover import Turnover
from netzwerk.graph.formats.document import Block, Section, Table, Text
from netzwerk.graph.formats.report_content import Words
from netzwerk.graph.pictures.styles import Tr

LIMIT = 25
"""At most this many rows per list."""


def _number(d: Delta, value: float, w: Words) -> str:
    if d.percent:
        text = f"{w.num(value * 100, 1)} %"
    else:
        text = w.num(value, 2 if isinstance(value, float) and not value.is_integer() else 0)
    return text.replace("-", "−")  # the minus sign, as in the signed figures


def _delta(d: Delta, w: Words, tr: Tr) -> str:
    if not d.delta:
        return "±0"
    if d.percent:
        return f"{w.signed(d.delta * 100, 1)} {tr('Pp.')}"
    if isinstance(d.delta, float) and not d.delta.is_integer():
        return w.signed(d.delta, 2)
    return w.signed(d.delta, 0)


def figures(change: Change, w: Words, tr: Tr) -> Table:
    """The key figures on both days and their difference."""
    return Table(
        [
            (tr(d.title), _number(d, d.before, w), _number(d, d.after, w), _delta(d, w, tr))
            for d in change.figures
        ],
        header=(tr("Kennzahl"), w.day(change.earlier), w.day(change.later), tr("Veränderung")),
        caption=tr("Kennzahlen damals und heute"),
        numeric=frozenset({1, 2, 3}),
    )


def _cut(rows: Sequence[tuple[str, ...]], w: Words, tr: Tr) -> list[tuple[str, ...]]:
    if len(rows) <= LIMIT:
        return list(rows)
    rest = tr("… und %(n)s weitere") % {"n": w.num(len(rows) - LIMIT)}
    return [*rows[:LIMIT], (rest, *([""] * (len(rows[0]) - 1)))]


def _listed(
    title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], w: Words, tr: Tr
) -> list[Block]:
    if not rows:
        return [Text(f"{title}: {tr('keine')}")]
    return [Table(_cut(rows, w, tr), header=header, caption=f"{title} ({w.num(len(rows))})")]


def _actors(t: Turnover, w: Words, tr: Tr, whole: bool) -> list[Block]:
    rows = [(name, tr("neu erfasst")) for name in t.actors_added]
    rows += [(name, tr("gelöscht")) for name in t.actors_ended]
    blocks = _listed(tr("Akteure"), (tr("Akteur"), tr("Änderung")), rows, w, tr)
    if not whole:
        blocks.append(
            Text(tr("Gelöschte Akteure nennt nur der Bericht über das ganze Netz."), "small")
        )
    return blocks


def _links(t: Turnover, w: Words, tr: Tr) -> list[Block]:
    rows = [(a, b, tr("neu")) for a, b in t.links_added]
    rows += [(a, b, tr("beendet")) for a, b in t.links_ended]
    header = (tr("Akteur"), tr("Akteur"), tr("Änderung"))
    return _listed(tr("Kooperationen"), header, rows, w, tr)


def _alliances(t: Turnover, w: Words, tr: Tr) -> list[Block]:
    rows = [
        (m.alliance, ", ".join(m.joined) or "–", ", ".join(m.left) or "–") for m in t.memberships
    ]
    header = (tr("Bündnis"), tr("neu dabei"), tr("ausgeschieden"))
    return _listed(tr("Bündnismitglieder"), header, rows, w, tr)


def change_section(
    change: Change, turnover: Turnover, w: Words, tr: Tr, *, whole: bool = True
) -> Section:
    """The chapter: figures then → now, then actors, cooperations and alliance members that
    came and went (``whole``: the report covers the whole network, not a filtered part)."""
    intro = tr(
        "Vergleich des Netzes am %(later)s mit dem Stand am %(earlier)s. Grundlage sind "
        "Beginn und Ende der Kooperationen und Mitgliedschaften und die Änderungshistorie "
        "(neu erfasst, gelöscht)."
    ) % {"later": w.day(change.later), "earlier": w.day(change.earlier)}
    figured = tr(
        "Die Kennzahlen rechnen mit den heute erfassten Akteuren und Kooperationen und ihren "
        "Beginn- und Ende-Daten; was seitdem neu erfasst oder gelöscht wurde, nennen die "
        "Listen darunter."
    )
    blocks: list[Block] = [Text(intro, "small"), figures(change, w, tr), Text(figured, "small")]
    blocks += _actors(turnover, w, tr, whole)
    blocks += _links(turnover, w, tr)
    blocks += _alliances(turnover, w, tr)
    return Section(tr("Was hat sich verändert?"), blocks)
