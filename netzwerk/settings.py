"""Where netzwerk finds its Neo4j server.

Two sources exist and the environment wins, so that an office can point netzwerk at its own
Neo4j (Docker, Aura, a cluster) without touching the project-managed local server:

* ``NEO4J_URI`` (+ ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``): an external server.
* otherwise the local instance that ``netzwerk db start`` created; its credentials live in
  ``connection.json`` inside the instance folder, readable only by the owner.

Secrets may also come from files (``NEO4J_PASSWORD_FILE``, ``NETZWERK_SECRET_KEY_FILE``), as
systemd's ``LoadCredential=`` hands them over, so they never stand in a unit file or in the
process environment. The operation settings (public address, proxy hops, backup retention)
are read here too, once, and described in docs/OPERATIONS.md.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from netzwerk.marks import N_

DEFAULT_DATABASE = "neo4j"


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything the driver needs; ``external`` tells whether we manage the server."""

    uri: str
    user: str
    password: str = field(repr=False)  # never in a log line or traceback
    database: str
    external: bool

    def redacted(self) -> str:
        """A description safe for logs and pages: never includes the password."""
        kind = "extern" if self.external else "lokal"
        return f"{self.uri} (Datenbank {self.database}, {kind})"

    def unreachable_message(self) -> str:
        """One German line (marked for the 503 page's translation): the server cannot be
        reached, and what to check."""
        if self.external:
            return N_(
                "Neo4j ist nicht erreichbar – bitte NEO4J_URI prüfen (Protokoll, Rechner, "
                "Port) und ob der Server läuft."
            )
        return N_(
            "Die lokale Neo4j-Datenbank läuft nicht – bitte `netzwerk db start` ausführen "
            "(oder NEO4J_URI auf einen laufenden Server setzen)."
        )

    def auth_message(self) -> str:
        """One German line (marked for the 503 page's translation): the server refused the
        credentials, and which to check."""
        if self.external:
            return N_(
                "Neo4j lehnt die Anmeldung ab (Benutzername oder Passwort falsch) – bitte "
                "NEO4J_USER und NEO4J_PASSWORD prüfen."
            )
        return N_(
            "Die lokale Neo4j-Datenbank lehnt die gespeicherten Zugangsdaten ab – bitte "
            "connection.json im Instanzordner prüfen oder die Instanz neu einrichten."
        )


def netzwerk_home() -> Path:
    """Root folder for downloaded server jars and local instances (outside any git tree)."""
    return Path(os.environ.get("NETZWERK_HOME", Path.home() / ".netzwerk")).expanduser()


def instance_name() -> str:
    """Name of the local instance; ``make test`` uses ``test`` so tests never see demo data."""
    name = os.environ.get("NETZWERK_INSTANCE", "default").strip() or "default"
    if not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"Ungültiger Instanzname: {name!r} (nur Buchstaben, Ziffern, - und _)")
    return name


def instance_dir(name: str | None = None) -> Path:
    return netzwerk_home() / "instances" / (name or instance_name())


def spool_dir() -> Path:
    """Where the import wizard keeps pending uploads (``NETZWERK_SPOOL_DIR`` moves it)."""
    override = os.environ.get("NETZWERK_SPOOL_DIR", "").strip()
    return Path(override).expanduser() if override else instance_dir() / "uploads"


def backup_dir() -> Path:
    """Where safety copies go before a restore or reset replaces data
    (``NETZWERK_BACKUP_DIR``, else ``sicherungen/`` in the instance folder)."""
    configured = os.environ.get("NETZWERK_BACKUP_DIR", "").strip()
    return Path(configured) if configured else instance_dir() / "sicherungen"


def _secret(name: str) -> str:
    """A secret from ``<name>_FILE`` (first line, whitespace stripped) or from ``<name>``."""
    path = os.environ.get(f"{name}_FILE", "").strip()
    if path:
        try:
            return Path(path).expanduser().read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(
                f"{name}_FILE verweist auf {path}, die Datei ist nicht lesbar ({exc.strerror})."
            ) from exc
    return os.environ.get(name, "").strip()


def secret_key() -> str:
    """The key that signs sessions and CSRF tokens; empty when none is configured."""
    return _secret("NETZWERK_SECRET_KEY")


def metrics_token() -> str:
    """Bearer token that ``/metrics`` asks for (``NETZWERK_METRICS_TOKEN[_FILE]``); empty:
    open to whoever reaches the port (the proxy example allows only the monitoring host)."""
    return _secret("NETZWERK_METRICS_TOKEN")


def base_url() -> str:
    """The public address (``NETZWERK_BASE_URL``, e.g. ``https://netzwerk.trier.de``) without
    a trailing slash; empty when not configured. Links that leave the page (survey
    invitations, the embed snippet, offline HTML) use it instead of the request's ``Host:``."""
    return os.environ.get("NETZWERK_BASE_URL", "").strip().rstrip("/")


def proxy_hops() -> int:
    """How many reverse proxies stand in front (``NETZWERK_PROXY_HOPS``); 0 trusts none."""
    raw = os.environ.get("NETZWERK_PROXY_HOPS", "0").strip() or "0"
    if not raw.isdigit() or int(raw) > 5:
        raise SettingsError(f"NETZWERK_PROXY_HOPS muss eine Zahl von 0 bis 5 sein, nicht {raw!r}.")
    return int(raw)


@dataclass(frozen=True)
class Retention:
    """How many files of a kind to keep at most, and for how many days at most."""

    keep: int
    max_age_days: int


def _count(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{name} muss eine ganze Zahl ab 1 sein, nicht {raw!r}.")
    return int(raw)


def backup_retention() -> Retention:
    """Scheduled backups: ``NETZWERK_BACKUP_KEEP`` (14) and ``NETZWERK_BACKUP_MAX_AGE_DAYS``
    (30, the Löschkonzept's bound for erased persons in backups)."""
    return Retention(_count("NETZWERK_BACKUP_KEEP", 14), _count("NETZWERK_BACKUP_MAX_AGE_DAYS", 30))


def safety_retention() -> Retention:
    """Safety copies before a restore or reset: ``NETZWERK_SAFETY_KEEP`` (5) and
    ``NETZWERK_SAFETY_MAX_AGE_DAYS`` (30)."""
    return Retention(_count("NETZWERK_SAFETY_KEEP", 5), _count("NETZWERK_SAFETY_MAX_AGE_DAYS", 30))


def external_settings() -> ConnectionSettings | None:
    """Settings from the environment, or None when no external server is configured."""
    uri = os.environ.get("NEO4J_URI", "").strip()
    if not uri:
        return None
    return ConnectionSettings(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=_secret("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE", DEFAULT_DATABASE),
        external=True,
    )


class SettingsError(RuntimeError):
    """No server is configured; the message says how to get one."""


def resolve() -> ConnectionSettings:
    """The settings in force: external if ``NEO4J_URI`` is set, else the local instance."""
    ext = external_settings()
    if ext is not None:
        return ext
    conn_file = instance_dir() / "connection.json"
    if not conn_file.exists():
        raise SettingsError(
            "Keine Neo4j-Verbindung eingerichtet. Starten Sie die lokale Datenbank mit "
            "`netzwerk db start` (oder `make run`) oder setzen Sie NEO4J_URI, NEO4J_USER "
            "und NEO4J_PASSWORD."
        )
    data = json.loads(conn_file.read_text(encoding="utf-8"))
    return ConnectionSettings(
        uri=data["uri"],
        user=data["user"],
        password=data["password"],
        database=data.get("database", DEFAULT_DATABASE),
        external=False,
    )


@dataclass(frozen=True)
class AccessibilityContact:
    """Who answers for accessibility, as the statement BITV 2.0 § 7 asks for names it.

    ``office`` (``NETZWERK_A11Y_OFFICE``), ``email`` (``NETZWERK_A11Y_EMAIL``), ``phone``
    (``NETZWERK_A11Y_PHONE``) and ``address`` (``NETZWERK_A11Y_ADDRESS``, lines separated by
    ``|``) are the office running netzwerk; ``arbitration`` and ``arbitration_url``
    (``NETZWERK_A11Y_ARBITRATION[_URL]``) the arbitration body of its state (the federal
    one by default, which the statement says).
    """

    office: str = ""
    email: str = ""
    phone: str = ""
    address: tuple[str, ...] = ()
    arbitration: str = ""
    arbitration_url: str = ""

    @property
    def reachable(self) -> bool:
        return bool(self.email or self.phone)


def accessibility_contact() -> AccessibilityContact:
    """The accessibility contact from the environment (empty fields when not set); the
    office defaults to the sender name of the survey mails (``NETZWERK_OFFICE_NAME``)."""

    def get(name: str) -> str:
        return os.environ.get(name, "").strip()

    email = get("NETZWERK_A11Y_EMAIL")
    if email and ("@" not in email or any(c in email for c in " <>\"'?&")):
        raise SettingsError(f"NETZWERK_A11Y_EMAIL ist keine E-Mail-Adresse: {email!r}.")
    url = get("NETZWERK_A11Y_ARBITRATION_URL")
    if url and not url.startswith("https://"):
        raise SettingsError(f"NETZWERK_A11Y_ARBITRATION_URL muss mit https:// beginnen: {url!r}.")
    return AccessibilityContact(
        office=get("NETZWERK_A11Y_OFFICE") or get("NETZWERK_OFFICE_NAME"),
        email=email,
        phone=get("NETZWERK_A11Y_PHONE"),
        address=tuple(
            filter(None, (line.strip() for line in get("NETZWERK_A11Y_ADDRESS").split("|")))
        ),
        arbitration=get("NETZWERK_A11Y_ARBITRATION"),
        arbitration_url=url,
    )
