"""Writers for contact lists: CSV, XLSX, ODS, vCard and a mail-merge address list.

Pure functions from rows to bytes, so they are unit-tested with real readers (the csv
module, openpyxl, vobject) and need no database. Every spreadsheet writer neutralises cells
that a spreadsheet program would run as a formula (see :func:`neutralise`).
"""

from netzwerk.graph.core.i18n import N_
from netzwerk.graph.formats.common import COLUMNS, ContactRow, neutralise
from netzwerk.graph.formats.csv_writer import write_csv
from netzwerk.graph.formats.mailmerge import MAILMERGE_COLUMNS, write_mailmerge
from netzwerk.graph.formats.ods_writer import write_ods
from netzwerk.graph.formats.vcard import write_vcards
from netzwerk.graph.formats.xlsx_writer import write_xlsx

FORMATS: dict[str, str] = {
    "csv": N_("CSV (Excel, Semikolon)"),
    "xlsx": N_("Excel-Arbeitsmappe (XLSX)"),
    "ods": N_("LibreOffice-Tabelle (ODS)"),
    "vcf3": N_("vCard 3.0 (Outlook, Thunderbird)"),
    "vcf4": N_("vCard 4.0"),
    "serienbrief": N_("Adressliste für Serienbriefe (CSV)"),
}
"""Export formats by key, with the German title shown in the UI and CLI help."""

__all__ = [
    "COLUMNS",
    "FORMATS",
    "MAILMERGE_COLUMNS",
    "ContactRow",
    "neutralise",
    "write_csv",
    "write_mailmerge",
    "write_ods",
    "write_vcards",
    "write_xlsx",
]
