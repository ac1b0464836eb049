"""German display titles that the graph layer hands to pages, marked for translation.

The graph layer must not import Flask, so its titles (import kinds and target fields, dry-run
actions, export purposes, formats and reasons for leaving a person out) are German there.
They are listed here with ``lazy_gettext`` only so that ``make translations`` extracts them;
templates translate the value itself with ``_(title)``. The translation test checks that every
title in those graph dicts has an English entry, so a renamed title cannot stay German unseen.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

GRAPH_TITLES = (
    # Import target fields that are record fields (graph.validation.FIELD_LABELS); import
    # kinds, import-only fields and dry-run actions are marked with N_ in graph.imports
    _l("Name"),
    _l("Kurzname"),
    _l("Art"),
    _l("Trägerschaft"),
    _l("Straße"),
    _l("PLZ"),
    _l("Ort"),
    _l("Webseite"),
    _l("E-Mail"),
    _l("Telefon"),
    _l("Notizen"),
    _l("Titel"),
    _l("Vorname"),
    _l("Nachname"),
    _l("Funktion"),
    _l("Einwilligung Newsletter"),
    _l("Datum Einwilligung Newsletter"),
    _l("Quelle Einwilligung Newsletter"),
    _l("Einwilligung Kontakt"),
    _l("Datum Einwilligung Kontakt"),
    _l("Quelle Einwilligung Kontakt"),
    _l("Rechtsgrundlage"),
    _l("Intensität"),
    _l("seit"),
    _l("bis"),
    _l("Quelle"),
    _l("Notiz"),
    # Export purposes (graph.contacts.PURPOSES)
    _l("Kontaktaufnahme (Netzwerkarbeit, Einladungen)"),
    _l("Newsletter / Rundschreiben / Serienbrief"),
    # Reasons for leaving a person out (graph.contacts.REASONS)
    _l("keine Einwilligung in den Newsletter"),
    _l("weder Einwilligung zur Kontaktaufnahme noch Rechtsgrundlage „öffentliche Aufgabe“"),
    # Export formats (graph.formats.FORMATS)
    _l("CSV (Excel, Semikolon)"),
    _l("Excel-Arbeitsmappe (XLSX)"),
    _l("vCard 3.0 (Outlook, Thunderbird)"),
    _l("vCard 4.0"),
    _l("Adressliste für Serienbriefe (CSV)"),
)
