"""Sending survey invitations and reminders by SMTP, where the office configures a server.

Settings come from the environment (``NETZWERK_SMTP_HOST``, ``_PORT``, ``_USER``,
``_PASSWORD``, ``_FROM``, ``_TLS`` = ``starttls`` | ``ssl`` | ``none``); without a host the
app offers the mail-merge list only. Who writes is the office's (:class:`Office`:
``NETZWERK_OFFICE_NAME`` as sender name, ``NETZWERK_OFFICE_SIGNATURE`` below the greeting,
``NETZWERK_PRIVACY_CONTACT`` in the privacy notice). One connection sends a whole batch;
every mail is plain text, German, with the personal link, the closing date, who to ask and
a privacy notice (Art. 13 DSGVO: who processes the address, why, and whom to contact).
"""

from __future__ import annotations

import os
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

from netzwerk.graph.core.store import Store
from netzwerk.graph.surveys import distribution, lifecycle
from netzwerk.graph.surveys.distribution import Recipient
from netzwerk.graph.surveys.model import Survey


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int = 25
    user: str = ""
    password: str = field(default="", repr=False)
    tls: str = "none"
    timeout: float = 20.0

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        host = os.environ.get("NETZWERK_SMTP_HOST", "").strip()
        if not host:
            return None
        tls = os.environ.get("NETZWERK_SMTP_TLS", "starttls").strip().lower()
        return cls(
            host=host,
            port=int(os.environ.get("NETZWERK_SMTP_PORT") or (465 if tls == "ssl" else 587)),
            user=os.environ.get("NETZWERK_SMTP_USER", ""),
            password=os.environ.get("NETZWERK_SMTP_PASSWORD", ""),
            sender=os.environ.get("NETZWERK_SMTP_FROM", "") or f"netzwerk@{host}",
            tls=tls if tls in ("starttls", "ssl", "none") else "starttls",
        )


@dataclass(frozen=True)
class Office:
    """Who writes the invitations: the office's name, signature and privacy contact."""

    name: str = "Bildungsbüro"
    signature: str = "Ihr Bildungsbüro"
    privacy_contact: str = ""

    @classmethod
    def from_env(cls) -> Office:
        name = os.environ.get("NETZWERK_OFFICE_NAME", "").strip() or cls.name
        signature = os.environ.get("NETZWERK_OFFICE_SIGNATURE", "").replace("\\n", "\n").strip()
        return cls(
            name=name,
            signature=signature or name,
            privacy_contact=os.environ.get("NETZWERK_PRIVACY_CONTACT", "").strip(),
        )

    def privacy_notice(self) -> str:
        contact = (
            f" Fragen zum Datenschutz: {self.privacy_contact}." if self.privacy_contact else ""
        )
        return (
            f"Datenschutz: {self.name} verwendet Ihre dienstliche Adresse nur für diese "
            "Befragung und die Netzwerkarbeit (Art. 6 Abs. 1 DSGVO). Ihre Antworten sieht nur "
            f"{self.name}; sie werden geprüft, bevor etwas übernommen wird. Sie können "
            f"Auskunft, Berichtigung und Löschung verlangen.{contact}"
        )


def compose(
    survey: Survey, r: Recipient, sender: str, *, reminder: bool, office: Office | None = None
) -> EmailMessage:
    office = office or Office.from_env()
    msg = EmailMessage()
    subject = ("Erinnerung: " if reminder else "") + f"Befragung „{survey.title}“"
    msg["Subject"] = subject[:200]
    given_name, address = parseaddr(sender)
    msg["From"] = formataddr((given_name or office.name, address or sender))
    msg["To"] = formataddr((" ".join(p for p in (r.first_name, r.last_name) if p), r.email))
    msg["Message-ID"] = make_msgid(domain="netzwerk.invalid")
    closes = survey.closes.strftime("%d.%m.%Y") if survey.closes else ""
    lines = [
        r.salutation,
        "",
        (
            "wir erinnern an unsere Befragung. Falls Sie schon begonnen haben: Ihre "
            "gespeicherten Antworten sind noch da."
            if reminder
            else f"wir laden {r.actor_name} zu unserer Befragung ein."
        ),
        "",
        survey.intro,
        "",
        f"Ihr persönlicher Link (gültig bis {closes}):",
        r.link,
        "",
        "Der Link gilt nur für Ihre Einrichtung; bitte nicht weitergeben.",
        "",
        "Mit freundlichen Grüßen",
        office.signature,
        "",
        "-- ",
        office.privacy_notice(),
    ]
    msg.set_content("\n".join(lines))
    return msg


def send(settings: SmtpSettings, messages: list[EmailMessage]) -> tuple[list[int], str]:
    """Send over one connection; returns the positions of the messages that went out and,
    if the server failed on the way, a German message (the rest was not sent)."""
    sent: list[int] = []
    try:
        if settings.tls == "ssl":
            conn: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout
            )
        else:
            conn = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with conn:
            if settings.tls == "starttls":
                conn.starttls()
            if settings.user:
                conn.login(settings.user, settings.password)
            for i, msg in enumerate(messages):
                try:
                    conn.send_message(msg)
                except smtplib.SMTPRecipientsRefused:
                    continue
                sent.append(i)
    except (OSError, smtplib.SMTPException) as exc:
        return sent, (
            f"Der Mailserver {settings.host}:{settings.port} ist nicht erreichbar oder lehnt ab "
            f"({type(exc).__name__}); nur {len(sent)} Mails wurden versandt. Bitte die "
            "Einstellungen NETZWERK_SMTP_* prüfen."
        )
    return sent, ""


@dataclass
class SendResult:
    sent: int = 0
    refused: int = 0
    left_out: int = 0
    """Contact persons without consent for the contact purpose (not written to)."""
    no_address: int = 0
    error: str = ""


def send_invitations(
    store: Store,
    survey_id: str,
    settings: SmtpSettings,
    *,
    base_url: str,
    user: str,
    reminder: bool = False,
) -> SendResult:
    """Mail the links of every invitation not mailed yet — or, as a reminder, of every one
    not answered yet. The mail carries the link handed out before (a list downloaded
    earlier keeps working, also when the server fails halfway); an address gets one mail
    per invitation however often it appears among the contact persons."""
    survey = lifecycle.get_survey(store, survey_id)
    chosen = [
        i.id
        for i in lifecycle.invites_of(store, survey_id)
        if not i.revoked
        and ((i.submitted_at is None and (i.sent_at or i.issued_at)) if reminder else not i.sent_at)
    ]
    if not chosen:
        return SendResult()
    issued = lifecycle.links_of(store, survey_id, invite_ids=chosen).issued
    rows, left_out = distribution.recipients(store, survey, issued, base_url)
    seen: set[tuple[str, str]] = set()
    with_address = []
    for r in rows:
        key = (r.invite_id, r.email.strip().casefold())
        if r.email and key not in seen:
            seen.add(key)
            with_address.append(r)
    office = Office.from_env()
    messages = [
        compose(survey, r, settings.sender, reminder=reminder, office=office) for r in with_address
    ]
    done, error = send(settings, messages)
    sent_rows = [with_address[i] for i in done]
    store.write(
        "surveys/mark_sent", ids=sorted({r.invite_id for r in sent_rows}), reminder=reminder
    )
    distribution.log(store, sent_rows, user=user, how="befragung-mail")
    return SendResult(
        sent=len(sent_rows),
        refused=len(with_address) - len(sent_rows),
        left_out=left_out,
        no_address=len(rows) - len(with_address),
        error=error,
    )
