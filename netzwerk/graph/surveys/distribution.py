"""Getting the links out: a mail-merge list, or mails sent by the app (with reminders).

Both respect consent for the contact purpose (the same rule as contact exports: a valid,
unexpired consent or the public task as legal basis): a contact person without it gets no
mail and is not on the list; the invitation then goes to the organisation's own address
with a neutral salutation. Both are logged like contact exports (who, when, how many, which
persons), so the Auskunft shows that a person's address was used for a survey.

Links come from :func:`netzwerk.graph.surveys.lifecycle.links_of`, which derives the same
link again for every list and mail: a second download or a mail never invalidates a list
handed out before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netzwerk.graph.core.greeting import NEUTRAL as GREETING_NEUTRAL
from netzwerk.graph.core.greeting import greeting
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.values import slug
from netzwerk.graph.formats import ContactRow
from netzwerk.graph.formats.common import neutralise
from netzwerk.graph.formats.csv_writer import write_rows
from netzwerk.graph.formats.xlsx_writer import write_table
from netzwerk.graph.operations.exports import log_contact_export
from netzwerk.graph.personal import consent
from netzwerk.graph.personal.contacts import ContactFilter, Selection
from netzwerk.graph.surveys.lifecycle import Issued
from netzwerk.graph.surveys.model import Survey

NEUTRAL = GREETING_NEUTRAL + ","
COLUMNS = (
    "Akteur",
    "Anrede",
    "Titel",
    "Vorname",
    "Nachname",
    "E-Mail",
    "Straße",
    "PLZ",
    "Ort",
    "Link",
    "Antwort bis",
)
FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def salutation(form: str, title: str, first: str, last: str) -> str:
    """ "Sehr geehrte Frau Dr. Muster," or "Guten Tag Kim Muster," (no salutation stored)."""
    return greeting(form, title, first, last) + ","


@dataclass
class Recipient:
    invite_id: str
    actor_name: str
    salutation: str
    title: str
    first_name: str
    last_name: str
    email: str
    link: str
    person_id: str = ""
    street: str = ""
    postcode: str = ""
    town: str = ""


def recipients(
    store: Store, survey: Survey, issued: list[Issued], base_url: str, *, today: date | None = None
) -> tuple[list[Recipient], int]:
    """One row per person who may be written to (organisation address as fallback), and
    how many contact persons were left out for lack of consent."""
    today = today or date.today()
    tokens = {i.invite.id: i.token for i in issued}
    base = base_url.rstrip("/")
    out: list[Recipient] = []
    left_out = 0
    for row in store.read("surveys/recipients", invite_ids=sorted(tokens), reader=survey.org):
        link = f"{base}/b/{tokens[row['invite_id']]}"
        postal = {k: row.get(k) or "" for k in ("street", "postcode", "town")}
        ok = [p for p in row["persons"] if consent.allowed(p, "contact", today)]
        left_out += len(row["persons"]) - len(ok)
        for p in ok:
            out.append(
                Recipient(
                    invite_id=row["invite_id"],
                    actor_name=row["actor_name"] or "",
                    salutation=salutation(
                        p.get("salutation") or "",
                        p.get("title") or "",
                        p.get("first_name") or "",
                        p.get("last_name") or "",
                    ),
                    title=p.get("title") or "",
                    first_name=p.get("first_name") or "",
                    last_name=p.get("last_name") or "",
                    email=p.get("email") or "",
                    link=link,
                    person_id=p["id"],
                    **postal,
                )
            )
        if not ok:
            out.append(
                Recipient(
                    row["invite_id"],
                    row["actor_name"] or "",
                    NEUTRAL,
                    "",
                    "",
                    "",
                    row["actor_email"],
                    link,
                    **postal,
                )
            )
    out.sort(key=lambda r: (r.actor_name.casefold(), r.last_name.casefold(), r.invite_id))
    return out, left_out


def table(rows: list[Recipient], survey: Survey) -> list[list[str]]:
    """The mail-merge table (header first); formula-like cells neutralised."""
    closes = survey.closes.strftime("%d.%m.%Y") if survey.closes else ""
    body = [
        [
            r.actor_name,
            r.salutation,
            r.title,
            r.first_name,
            r.last_name,
            r.email,
            r.street,
            r.postcode,
            r.town,
            r.link,
            closes,
        ]
        for r in rows
    ]
    return [list(COLUMNS)] + [[neutralise(c) for c in row] for row in body]


def render(rows: list[Recipient], survey: Survey, fmt: str) -> bytes:
    if fmt == "xlsx":
        return write_table(table(rows, survey), title="Befragung")
    return write_rows(table(rows, survey))


def log(store: Store, rows: list[Recipient], *, user: str, how: str) -> None:
    """Log the use of persons' addresses like a contact export (purpose: contact)."""
    persons = [ContactRow(person_id=r.person_id) for r in rows if r.person_id]
    log_contact_export(
        store,
        user=user,
        flt=ContactFilter(),
        selection=Selection(purpose="contact", rows=persons, matched=len(persons)),
        fmt=how,
    )


def mail_merge(
    store: Store, survey: Survey, issued: list[Issued], *, base_url: str, fmt: str, user: str
) -> tuple[bytes, list[Recipient], int]:
    """The list file for ``issued`` links, logged; returns (bytes, rows, left out)."""
    rows, left_out = recipients(store, survey, issued, base_url)
    data = render(rows, survey, fmt if fmt in FORMATS else "csv")
    log(store, rows, user=user, how=f"befragung-{fmt}")
    return data, rows, left_out


def filename(survey: Survey, fmt: str) -> str:
    stem = slug(survey.title)[:40].strip("-")
    return f"befragung-{stem or survey.id}-links-{date.today():%Y-%m-%d}.{fmt}"
