"""The chapter "Was hat sich verändert?" as document blocks: German numbers and dates,
figures then → now with their difference, long lists cut with the number left out, and the
note that a filtered report cannot name deleted actors."""

from __future__ import annotations

from datetime import date

from netzwerk.graph.analysis.change import Change, Delta
from netzwerk.graph.analysis.turnover import Membership, Turnover
from netzwerk.graph.formats import report_change
from netzwerk.graph.formats.document import Block, Table, Text
from netzwerk.graph.formats.report_content import Words

THEN, NOW = date(2025, 12, 7), date(2026, 12, 7)


def _tables(blocks: list[Block]) -> dict[str, Table]:
    return {b.caption.split(" (")[0]: b for b in blocks if isinstance(b, Table)}


def test_figures_then_and_now_in_german() -> None:
    change = Change(
        THEN,
        NOW,
        [
            Delta("density", "Dichte", 0.0183, 0.0261, percent=True),
            Delta("cooperations", "Kooperationen", 1234, 1230),
            Delta("ei", "Offenheit (E–I)", -0.66, -0.67),
            Delta("core", "Innerer Kern", 4, 4),
        ],
    )
    section = report_change.change_section(change, Turnover(THEN, NOW), Words("de"), str)
    assert section.title == "Was hat sich verändert?"
    table = _tables(section.blocks)["Kennzahlen damals und heute"]
    assert table.header == ("Kennzahl", "07.12.2025", "07.12.2026", "Veränderung")
    assert table.rows == [
        ("Dichte", "1,8 %", "2,6 %", "+0,8 Pp."),
        ("Kooperationen", "1.234", "1.230", "−4"),
        ("Offenheit (E–I)", "−0,66", "−0,67", "−0,01"),
        ("Innerer Kern", "4", "4", "±0"),
    ]
    texts = [b.text for b in section.blocks if isinstance(b, Text)]
    assert "Akteure: keine" in texts and "Bündnismitglieder: keine" in texts


def test_lists_are_cut_and_a_filtered_report_says_whom_it_leaves_out() -> None:
    many = [(f"Schule {i:03}", "Kita") for i in range(report_change.LIMIT + 7)]
    turnover = Turnover(
        THEN,
        NOW,
        actors_added=["Lernwerkstatt"],
        actors_ended=["Altes Haus"],
        links_added=many,
        memberships=[Membership("MINT", ["Lernwerkstatt", "Kita"], [])],
    )
    change = Change(THEN, NOW, [])
    section = report_change.change_section(change, turnover, Words("de"), str, whole=False)
    tables = _tables(section.blocks)
    assert tables["Akteure"].rows == [("Lernwerkstatt", "neu erfasst"), ("Altes Haus", "gelöscht")]
    links = tables["Kooperationen"]
    assert links.caption == "Kooperationen (32)" and len(links.rows) == report_change.LIMIT + 1
    assert links.rows[-1] == ("… und 7 weitere", "", "")
    assert tables["Bündnismitglieder"].rows == [("MINT", "Lernwerkstatt, Kita", "–")]
    notes = [b.text for b in section.blocks if isinstance(b, Text) and b.style == "small"]
    assert "Gelöschte Akteure nennt nur der Bericht über das ganze Netz." in notes
