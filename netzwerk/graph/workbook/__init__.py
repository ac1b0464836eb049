"""The network workbook: export (whole or filtered), the empty template, and the contract of
sheets and columns that the import (:mod:`netzwerk.graph.imports.workbook`) reads back."""

from netzwerk.graph.workbook.export import FORMATS, PURPOSE, build, describe, filename, template
from netzwerk.graph.workbook.sheets import BY_TITLE, SHEETS, Column, SheetSpec

__all__ = [
    "BY_TITLE",
    "FORMATS",
    "PURPOSE",
    "SHEETS",
    "Column",
    "SheetSpec",
    "build",
    "describe",
    "filename",
    "template",
]
