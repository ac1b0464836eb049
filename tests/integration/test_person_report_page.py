"""The Auskunft (Art. 15 DSGVO) as a reader sees it: reached from the person's page, German
dates, the model's field order with its labels, consents that agree with the person's fields;
and the "Daten" menu that leads to import, changesets, backup and data protection."""

from __future__ import annotations

import re
from datetime import date

from netzwerk import graph
from netzwerk.graph.core import bulk
from netzwerk.graph.core.fields import field_table
from netzwerk.graph.personal import privacy

LEGACY = graph.Person(
    id="p-alt",
    first_name="Alma",
    last_name="Altbestand",
    function="Schulleitung",
    consent_contact=True,
    consent_contact_date=date(2023, 5, 4),
    consent_contact_source="Partnerliste 2023",
    legal_basis="Einwilligung",
)


def test_fields_follow_the_model_and_consents_agree(store: graph.Store) -> None:
    """A person loaded without the consent ledger (as a bulk load or an old version left it)
    says "ja" in its fields; the report's consent state says the same, and why the ledger is
    empty."""
    bulk.merge_nodes(store, [LEGACY])
    report = privacy.person_report(store, "p-alt")
    labels = [info.label for name, info in field_table(graph.Person).items()]
    shown = [k for k in report["fields"] if k in labels]
    assert shown == [k for k in labels if k in shown], "fields in the model's order"
    assert list(report["fields"])[-1] in ("Version", "zuletzt geändert am", "angelegt am")
    state = {c["purpose"]: c for c in report["consent_state"]}
    assert state["contact"]["given"] is True and state["contact"]["ledger"] == 0
    assert state["contact"]["date"] == "2023-05-04"
    assert state["newsletter"]["given"] is False


def test_report_page_reads_in_german(store: graph.Store, make_client) -> None:
    bulk.merge_nodes(store, [LEGACY])
    client = make_client("admin")
    person = client.get("/personen/p-alt").get_data(as_text=True)
    assert 'id="report-link"' in person and 'href="/datenschutz/person/p-alt"' in person
    html = client.get("/datenschutz/person/p-alt").get_data(as_text=True)
    assert "04.05.2023" in html and "2023-05-04" not in html
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d", html), "no raw timestamps"
    state = html.split('id="report-consent-state"', 1)[1].split("</ul>", 1)[0]
    assert "Kontaktaufnahme:</strong> ja" in state and "seit 04.05.2023" in state
    assert "noch kein Eintrag" in state
    assert "<h2>Einwilligungen (0)" not in html
    fields = html.split('id="report-fields"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th>', fields)
    assert rows.index("Vorname") < rows.index("Nachname") < rows.index("Funktion")
    english = client.get("/datenschutz/person/p-alt?lang=en").get_data(as_text=True)
    assert "First name" in english


def test_auskunft_button_only_for_those_allowed(store: graph.Store, make_client) -> None:
    bulk.merge_nodes(store, [LEGACY])
    for role in ("viewer", "editor"):
        html = make_client(role, contacts=True).get("/personen/p-alt").get_data(as_text=True)
        assert 'id="report-link"' not in html, role


def test_data_menu_by_role(make_client) -> None:
    """Editors find import, workbook and changesets under "Daten"; admins also backup, data
    protection, consent review and the export log; viewers have no such menu."""
    assert 'id="data-menu"' not in make_client("viewer").get("/").get_data(as_text=True)
    editor = make_client("editor").get("/").get_data(as_text=True)
    menu = editor.split('id="data-menu"', 1)[1].split("</details>", 1)[0]
    for href in ('"/import"', '"/import#workbook"', '"/aenderungen"'):
        assert f"href={href}" in menu
    assert "/datenschutz" not in menu
    admin = make_client("admin").get("/import").get_data(as_text=True)
    menu = admin.split('id="data-menu"', 1)[1].split("</details>", 1)[0]
    for href in ("/datenschutz#sicherung", "/datenschutz", "/datenschutz/einwilligungen"):
        assert f'href="{href}"' in menu
    assert '<summary class="current">' in menu
    contacts = make_client("admin").get("/kontakte").get_data(as_text=True)
    subnav = contacts.split('class="ct-subnav"', 1)[1].split("</nav>", 1)[0]
    assert "/import" not in subnav and "/datenschutz" not in subnav, "moved out of Kontaktlisten"
