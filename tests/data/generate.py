"""Make the corpus of office spreadsheets the import is tested on (run from the repository root:
``.venv/bin/python -m tests.data.generate``; the files are kept beside this script).

Each file imitates a list as a Bildungsbüro really keeps it — not a clean export — and each
has a feature the import must cope with: a title row above the header, a header of two lines
under merged group headings, one row per contact person with the organisation merged down,
one row per membership, Outlook's contact export, a Kumu export (elements and connections),
hidden columns and an autofilter, and an ODS file from LibreOffice with a sheet of former
partners. Names are written as offices write them: "Frau Dr. …", "Herr Konrektor …",
two persons in one cell. The tests in ``tests/integration/test_import_corpus.py`` import
each file against a small stored network (:data:`STORED`) that some rows refer to.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
from odf.text import P
from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).parent

STORED: dict[str, list[tuple[str, ...]]] = {
    "actors": [
        # id, name, short name, kind, street, postcode, town
        (
            "actor-stabi",
            "Stadtbibliothek Trier",
            "",
            "Bibliothek",
            "Weberbach 25",
            "54290",
            "Trier",
        ),
        (
            "actor-vhs",
            "Volkshochschule Trier",
            "VHS Trier",
            "VHS/Weiterbildung",
            "Domfreihof 1b",
            "54290",
            "Trier",
        ),
        (
            "actor-caritas",
            "Caritasverband Trier e.V.",
            "",
            "Wohlfahrtsverband",
            "Sichelstraße 10",
            "54290",
            "Trier",
        ),
        (
            "actor-gs-olewig",
            "Grundschule Olewig",
            "",
            "Schule",
            "Olewiger Straße 120",
            "54295",
            "Trier",
        ),
    ],
    "persons": [
        # id, first, last, employer, email
        ("person-koehler", "Renate", "Köhler", "actor-stabi", ""),
        ("person-klein", "Klaus", "Klein", "actor-vhs", "k.klein@vhs-trier.de"),
    ],
    "alliances": [
        ("alliance-mint", "MINT-Initiativkreis Trier"),
        ("alliance-alpha", "Trierer Bündnis für Alphabetisierung und Grundbildung"),
    ],
    "topics": [
        ("topic-mint", "MINT"),
        ("topic-bne", "Bildung für nachhaltige Entwicklung"),
        ("topic-sprache", "Sprachförderung"),
        ("topic-digital", "Digitale Bildung"),
    ],
}
"""The office's stored network the corpus refers to (created by the tests)."""


def _xlsx(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def partner_list_with_title() -> bytes:
    """The list of the report: title row, empty row, twelve columns, a merged cell, empty
    rows, names with salutations, two persons in one cell, a second sheet of former
    partners."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Partner"
    ws.append(["Partnerliste Bildungsnetzwerk – Stand 03/2025"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(
        [
            "Einrichtung",
            "Träger",
            "Bereich",
            "Straße/Hausnr.",
            "PLZ/Ort",
            "Ansprechpartner/in",
            "Tel.",
            "E-Mail-Adresse",
            "Arbeitsschwerpunkte",
            "Netzwerk/Bündnis",
            "Kooperation seit",
            "Bemerkung",
        ]
    )
    rows: list[list[Any]] = [
        [
            "Stadtbibliothek Weberbach",
            "Stadt Trier",
            "Bibliothek",
            "Weberbach 25",
            "54290 Trier",
            "Frau Renate Köhler",
            "0651 718-2430",
            "bibliothek@trier.de",
            "Leseförderung; Digitale Bildung",
            "Trierer Bündnis für Alphabetisierung und Grundbildung",
            "2019",
            "Lesepaten",
        ],
        [
            "Grundschule Olewig",
            "Stadt Trier",
            "Grundschule",
            "Olewiger Straße 120",
            "54295 Trier",
            "Frau Petra Hoffmann / Herr Ali Demir",
            "0651 31234",
            "p.hoffmann@gs-olewig.de; a.demir@gs-olewig.de",
            "MINT, BNE",
            "MINT-Initiativkreis Trier",
            "03/2021",
            "",
        ],
        [],
        [
            "Caritasverband Trier e.V.",
            "Caritas",
            "Wohlfahrtsverband",
            "Sichelstraße 10",
            "54290 Trier",
            "Herr Konrektor Weber",
            "0651 9493-0",
            "weber@caritas-trier.de",
            "Integration; Sprachförderung",
            "",
            "01.09.2018",
            "Migrationsdienst",
        ],
        [
            "Diakonisches Werk Trier",
            "Ev. Kirchenkreis Trier",
            "Wohlfahrtsverband",
            "Saarstr. 5",
            "54290 Trier",
            "Frau Dr. Sabine Lenz",
            "0651 2090",
            "lenz@diakonie-trier",
            "Ganztag",
            "",
            "seit 2020",
            "",
        ],
        [
            "Jugendzentrum Exhaus",
            "Exzellenzhaus e.V.",
            "Verein",
            "Zurmaiener Str. 114",
            "54292 Trier",
            "Herr und Frau Klein",
            "",
            "",
            "Kulturelle Bildung",
            "",
            "",
            "",
        ],
        [
            "Kita St. Martin",
            "Kath. Kirchengemeinde",
            "Kita",
            "Martinsufer 3",
            "54290 Trier",
            "Eva und Peter Braun",
            "0651 4711",
            "",
            "Sprachförderung",
            "",
            "",
            "",
        ],
        [
            None,
            "",
            "",
            "",
            "",
            "Frau Sonja Marx (Leitung)",
            "",
            "s.marx@kita-martin.de",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    for r in rows:
        ws.append(r)
    ws.merge_cells("A10:A11")  # the Kita's name over its two contact rows
    old = wb.create_sheet("Ehemalige")
    old.append(["Einrichtung", "PLZ/Ort", "Netzwerk/Bündnis", "ausgeschieden"])
    old.append(["Volkshochschule Trier", "54290 Trier", "MINT-Initiativkreis Trier", "31.12.2024"])
    return _xlsx(wb)


def two_line_header() -> bytes:
    """Group headings merged across the columns below them."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Kooperationspartner"
    ws.append(["Einrichtung", "Anschrift", None, None, "Ansprechpartner/in", None, None, None])
    ws.append([None, "Straße", "PLZ", "Ort", "Anrede", "Name", "E-Mail", "Telefon"])
    ws.merge_cells("B1:D1")
    ws.merge_cells("E1:H1")
    ws.merge_cells("A1:A2")
    ws.append(
        [
            "Volkshochschule Trier",
            "Domfreihof 1b",
            "54290",
            "Trier",
            "Herr",
            "Klaus Klein",
            "k.klein@vhs-trier.de",
            "0651 718-1411",
        ]
    )
    ws.append(
        [
            "Jobcenter Trier Stadt",
            "Gneisenaustraße 37",
            "54290",
            "Trier",
            "Frau",
            "Müller, Andrea",
            "andrea.mueller@jobcenter-ge.de",
            "0651 205-0",
        ]
    )
    ws.append(
        [
            "Bildungswerk Trier",
            "Domfreihof 1 b",
            "54290",
            "Trier",
            "divers",
            "Kim Schneider",
            "schneider@bildungswerk-trier.de",
            "",
        ]
    )
    return _xlsx(wb)


def persons_per_row() -> bytes:
    """One row per contact person; the organisation merged down over its persons."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Kontakte"
    ws.append(
        ["Einrichtung", "Bereich", "Anrede", "Titel", "Vorname", "Nachname", "Funktion", "E-Mail"]
    )
    ws.append(
        [
            "Hochschule Trier",
            "Hochschule",
            "Frau",
            "Prof. Dr.",
            "Ute",
            "Berg",
            "Vizepräsidentin",
            "u.berg@hochschule-trier.de",
        ]
    )
    ws.append(
        [None, None, "Herr", "", "Jonas", "Fuchs", "Transferstelle", "j.fuchs@hochschule-trier.de"]
    )
    ws.append(
        [None, None, "", "", "Frau Lea", "Sommer", "MINT-Projekte", "l.sommer@hochschule-trier.de"]
    )
    ws.merge_cells("A2:A4")
    ws.merge_cells("B2:B4")
    ws.append(
        ["Stadtbibliothek Trier", "Bibliothek", "Frau", "", "Renate", "Köhler", "Leitung", ""]
    )
    return _xlsx(wb)


def memberships_csv() -> bytes:
    """One row per membership, as German Excel saves CSV (cp1252, semicolons)."""
    text = (
        "Organisation;Bündnis;Rolle;Mitglied seit\r\n"
        "Volkshochschule Trier;MINT-Initiativkreis Trier;Koordination;01.01.2017\r\n"
        "Volkshochschule Trier;Trierer Bündnis für Alphabetisierung und Grundbildung;Mitglied;"
        "2015\r\n"
        "Grundschule Olewig;MINT-Initiativkreis Trier;Mitglied;09/2022\r\n"
        "Caritasverband Trier e.V.;Trierer Bündnis für Alphabetisierung und Grundbildung;"
        "Mitglied;irgendwann\r\n"
    )
    return text.encode("cp1252")


def outlook_csv() -> bytes:
    """Outlook's contact export (German Outlook, "CSV (Windows)"): UTF-8 with BOM, commas,
    quoted cells, many empty columns, the title in "Anrede"."""
    header = [
        "Anrede",
        "Vorname",
        "Weitere Vornamen",
        "Nachname",
        "Suffix",
        "Firma",
        "Abteilung",
        "Position",
        "Straße geschäftlich",
        "Ort geschäftlich",
        "Postleitzahl geschäftlich",
        "Telefon geschäftlich",
        "Mobiltelefon",
        "E-Mail-Adresse",
        "E-Mail-Anzeigename",
        "Notizen",
    ]
    rows = [
        [
            "Frau",
            "Renate",
            "",
            "Köhler",
            "",
            "Stadtbibliothek Trier",
            "Leitung",
            "Leiterin",
            "Weberbach 25",
            "Trier",
            "54290",
            "0651 718-2430",
            "",
            "r.koehler@trier.de",
            "Renate Köhler (r.koehler@trier.de)",
            "",
        ],
        [
            "Dr.",
            "Martin",
            "",
            "Schäfer",
            "",
            "Volkshochschule Trier",
            "",
            "Fachbereichsleiter",
            "Domfreihof 1b",
            "Trier",
            "54290",
            "",
            "0171 2345678",
            "m.schaefer@vhs-trier.de",
            "",
            "Netzwerktreffen 2024",
        ],
        [
            "Herr",
            "Ahmad",
            "",
            "Said",
            "",
            "Unbekannte Firma GmbH",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "ahmad.said@example.org",
            "",
            "",
        ],
        [
            "",
            "Lisa",
            "Marie",
            "Wagner",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "lisa.wagner@@mail",
            "",
            "",
        ],
    ]

    def q(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"'

    lines = [",".join(q(c) for c in r) for r in [header, *rows]]
    return b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def kumu_export() -> bytes:
    """A Kumu project exported to Excel: a sheet of elements and one of connections."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Elements"
    ws.append(["Label", "Type", "Description", "Tags"])
    ws.append(["Volkshochschule Trier", "Weiterbildung", "Kurse, Beratung", "MINT | BNE"])
    ws.append(["Haus der Jugend Trier", "Jugendhaus", "", "Kulturelle Bildung"])
    ws.append(["Universität Trier", "Hochschule", "", "MINT"])
    cs = wb.create_sheet("Connections")
    cs.append(["From", "To", "Type", "Description"])
    cs.append(["Volkshochschule Trier", "Universität Trier", "Projektpartnerschaft", ""])
    cs.append(["Haus der Jugend Trier", "Volkshochschule Trier", "Austausch", "jährlich"])
    return _xlsx(wb)


def hidden_and_filtered() -> bytes:
    """An internal number column hidden, rows hidden by an autofilter on "Status"."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = "Akteure"
    ws.append(["Interne Nr.", "Name", "Art", "Straße", "PLZ", "Ort", "E-Mail", "Status"])
    ws.append(
        [
            101,
            "Grundschule Olewig",
            "Schule",
            "Olewiger Straße 120",
            "54295",
            "Trier",
            "sekretariat@gs-olewig.de",
            "aktiv",
        ]
    )
    ws.append(
        [
            102,
            "Medienzentrum Trier",
            "Verwaltung",
            "Domfreihof 1b",
            "54290",
            "Trier",
            "medienzentrum@trier.de",
            "ruht",
        ]
    )
    ws.append(
        [
            103,
            "Förderverein Lesen e.V.",
            "Verein",
            "Weberbach 25",
            "54290",
            "Trier",
            "info@lesen-ev.de",
            "aktiv",
        ]
    )
    ws.column_dimensions["A"].hidden = True
    ws.auto_filter.ref = "A1:H4"
    ws.auto_filter.add_filter_column(7, ["aktiv"])
    ws.row_dimensions[3].hidden = True
    return _xlsx(wb)


def _ods_row(values: list[str], *, merged_down: int = 0, covered: int = 0) -> TableRow:
    tr = TableRow()
    for i, v in enumerate(values):
        if i == 0 and covered:
            tr.addElement(CoveredTableCell())
            continue
        cell = TableCell(valuetype="string")
        if i == 0 and merged_down:
            cell = TableCell(valuetype="string", numberrowsspanned=merged_down)
        if v:
            cell.addElement(P(text=v))
        tr.addElement(cell)
    return tr


def partner_list_ods() -> bytes:
    """The partner list as LibreOffice saves it: a title row, a merged organisation cell,
    a hidden row, and a sheet of former partners."""
    doc = OpenDocumentSpreadsheet()
    t = Table(name="Partner 2025")
    t.addElement(TableColumn(numbercolumnsrepeated=7))
    t.addElement(_ods_row(["Netzwerk Bildung – Partner (Stand Mai 2025)"]))
    t.addElement(TableRow(numberrowsrepeated=2))
    t.addElement(
        _ods_row(
            ["Einrichtung", "Träger", "Anschrift", "Kontakt", "E-Mail", "Themen", "Mitglied seit"]
        )
    )
    t.addElement(
        _ods_row(
            [
                "AWO Kreisverband Trier",
                "AWO",
                "Hindenburgstraße 4, 54290 Trier",
                "Frau Nina Roth",
                "n.roth@awo-trier.de",
                "BNE; Ganztag",
                "2018",
            ],
            merged_down=2,
        )
    )
    t.addElement(
        _ods_row(["", "", "", "Herr Dipl.-Päd. Uwe Kern", "u.kern@awo-trier.de", "", ""], covered=1)
    )
    t.addElement(
        _ods_row(
            [
                "Stadtbibliothek Trier",
                "Stadt Trier",
                "Weberbach 25, 54290 Trier",
                "Renate Köhler",
                "",
                "Leseförderung",
                "",
            ]
        )
    )
    t.addElement(TableRow(numberrowsrepeated=1048000))  # LibreOffice's empty rows to the end
    doc.spreadsheet.addElement(t)
    old = Table(name="Ehemalige")
    old.addElement(_ods_row(["Einrichtung", "Anschrift", "Bündnis"]))
    old.addElement(
        _ods_row(
            ["Grundschule Olewig", "Olewiger Straße 120, 54295 Trier", "MINT-Initiativkreis Trier"]
        )
    )
    doc.spreadsheet.addElement(old)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


FILES = {
    "partnerliste_titelzeile.xlsx": partner_list_with_title,
    "zweizeilige_ueberschrift.xlsx": two_line_header,
    "kontakte_je_person.xlsx": persons_per_row,
    "mitgliedschaften.csv": memberships_csv,
    "outlook_kontakte.csv": outlook_csv,
    "kumu_export.xlsx": kumu_export,
    "ausgeblendet_gefiltert.xlsx": hidden_and_filtered,
    "partnerliste.ods": partner_list_ods,
}


def main() -> None:
    for name, make in FILES.items():
        (HERE / name).write_bytes(make())
        print(f"{HERE / name}")


if __name__ == "__main__":
    main()
