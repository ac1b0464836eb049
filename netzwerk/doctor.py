"""``netzwerk doctor``: is this installation fit to run, in German, with an exit code.

Each check answers one question an IT department asks before and during operation
(configuration, secret key, Neo4j reachable and of a supported version, upgrade steps
pending, backup age, disk space, public address and TLS, the accessibility contact) and
gives one finding: ``OK``, ``WARNUNG`` or ``FEHLER`` with what to do. The exit code is the
worst finding — 0, 1 or 2, as Nagios/Icinga plugins report OK, WARNING and CRITICAL — so the
command can run from the town's monitoring as it is. It only reads: nothing is written,
pruned or migrated.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from netzwerk import graph, settings
from netzwerk.graph.admin import rotation
from netzwerk.graph.core import schema

OK, WARNUNG, FEHLER = 0, 1, 2
LEVELS = {OK: "OK", WARNUNG: "WARNUNG", FEHLER: "FEHLER"}
GIB = 1024**3
SUPPORTED = (5, 26)
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Finding:
    level: int
    topic: str
    text: str

    def line(self) -> str:
        return f"{LEVELS[self.level]:<8} {self.topic}: {self.text}"


@dataclass(frozen=True)
class Options:
    """Thresholds of the checks; the defaults suit a daily backup timer."""

    backup_max_hours: float = 26.0
    min_free_gib: float = 1.0


def _days(hours: float) -> str:
    if round(hours) == 1:
        return "1 Stunde"
    if hours < 48:
        return f"{hours:.0f} Stunden"
    return f"{hours / 24:.0f} Tagen"


def check_secret_key() -> Finding:
    topic = "Geheimer Schlüssel"
    key = settings.secret_key()
    if not key:
        return Finding(
            FEHLER,
            topic,
            "nicht gesetzt (NETZWERK_SECRET_KEY_FILE oder NETZWERK_SECRET_KEY) – ohne ihn "
            "endet jede Anmeldung bei jedem Neustart.",
        )
    if len(key) < 32:
        return Finding(WARNUNG, topic, f"nur {len(key)} Zeichen; mindestens 32 empfohlen.")
    path = os.environ.get("NETZWERK_SECRET_KEY_FILE", "").strip()
    if path and Path(path).stat().st_mode & 0o077:
        return Finding(WARNUNG, topic, f"{path} ist für andere lesbar – chmod 600 setzen.")
    return Finding(OK, topic, "gesetzt" + (" (aus Datei)" if path else ""))


def check_configuration() -> tuple[Finding, settings.ConnectionSettings | None]:
    topic = "Konfiguration"
    try:
        conn = settings.resolve()
        settings.proxy_hops()
        settings.backup_retention()
        settings.safety_retention()
    except (settings.SettingsError, ValueError) as exc:
        return Finding(FEHLER, topic, str(exc)), None
    text = f"Neo4j {conn.redacted()}, Sicherungen in {settings.backup_dir()}"
    host = urlsplit(conn.uri).hostname or ""
    if conn.external and host not in LOCAL_HOSTS and "+s" not in conn.uri.split(":")[0]:
        return Finding(
            WARNUNG,
            topic,
            f"{text}; die Verbindung zu Neo4j auf {host} ist unverschlüsselt "
            "(neo4j+s:// oder bolt+s:// verwenden).",
        ), conn
    return Finding(OK, topic, text), conn


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


def check_database(conn: settings.ConnectionSettings) -> list[Finding]:
    """Reachability, version and the upgrade log, in one connection."""
    topic = "Neo4j"
    try:
        with graph.connect(conn) as store:
            store.check()
            info = graph.server_info(store)
            state = schema.status(store)
    except graph.GraphError as exc:
        return [Finding(FEHLER, topic, str(exc))]
    found = f"{info.name} {info.version} ({info.edition}) erreichbar"
    version = _version(info.version)
    if version[:1] == (5,) and version >= SUPPORTED:
        out = [Finding(OK, topic, found)]
    elif version < SUPPORTED:
        out = [Finding(FEHLER, topic, f"{found}; benötigt wird mindestens 5.26.")]
    else:
        out = [Finding(WARNUNG, topic, f"{found}; getestet ist 5.26 LTS.")]
    out.append(_upgrade_finding(state))
    return out


def _upgrade_finding(state: schema.Status) -> Finding:
    topic = "Schema und Migrationen"
    if state.unknown:
        return Finding(
            FEHLER,
            topic,
            "die Datenbank wurde schon von einer neueren netzwerk-Version aktualisiert "
            f"({', '.join(state.unknown)}) – diese Version nicht damit betreiben.",
        )
    if state.pending:
        return Finding(
            WARNUNG,
            topic,
            f"{len(state.pending)} Schritt(e) ausstehend ({', '.join(state.pending)}) – "
            "`netzwerk init` ausführen (geschieht auch beim Start von `netzwerk serve`).",
        )
    return Finding(OK, topic, f"aktuell ({state.applied} Schritte angewendet)")


def check_backups(options: Options, now: datetime | None = None) -> list[Finding]:
    """Age of the newest scheduled backup; safety copies past their retention."""
    now = now or datetime.now(UTC)
    folder = settings.backup_dir()
    newest = rotation.newest(folder)
    topic = "Sicherung"
    if newest is None:
        out = [Finding(FEHLER, topic, f"keine Sicherung in {folder} – `netzwerk backup` planen.")]
    else:
        hours = (now - newest.written).total_seconds() / 3600
        level = OK
        if hours > options.backup_max_hours:
            level = FEHLER if hours > 3 * options.backup_max_hours else WARNUNG
        out = [Finding(level, topic, f"letzte vor {_days(hours)} ({newest.path.name})")]
    overdue = rotation.expired(
        rotation.files(folder, rotation.SAFETY), settings.safety_retention(), now
    )
    if overdue:
        out.append(
            Finding(
                WARNUNG,
                "Sicherheitskopien",
                f"{len(overdue)} über der Aufbewahrungsfrist; der nächste `netzwerk backup` "
                "löscht sie.",
            )
        )
    return out


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(options: Options, conn: settings.ConnectionSettings | None) -> list[Finding]:
    """Free space where backups go and, for the local server, where Neo4j keeps its data."""
    places = {"Sicherungen": settings.backup_dir()}
    if conn is not None and not conn.external:
        places["Neo4j-Daten"] = settings.instance_dir()
    out = []
    for name, path in places.items():
        usage = shutil.disk_usage(_existing(path))
        free, share = usage.free / GIB, usage.free / usage.total
        text = f"{name}: {free:.1f} GiB frei ({share:.0%})".replace(".", ",")
        if free < options.min_free_gib or share < 0.05:
            level = FEHLER
        elif free < 5 * options.min_free_gib or share < 0.15:
            level = WARNUNG
        else:
            level = OK
        out.append(Finding(level, "Speicherplatz", text))
    return out


def check_address() -> list[Finding]:
    """The public address: set, over HTTPS, with secure cookies and a trusted proxy."""
    topic = "Adresse und TLS"
    url = settings.base_url()
    if not url:
        return [
            Finding(
                WARNUNG,
                topic,
                "NETZWERK_BASE_URL ist nicht gesetzt – Links in Einladungen und im "
                "Einbettungscode fehlen oder folgen der Anfrage.",
            )
        ]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [Finding(FEHLER, topic, f"NETZWERK_BASE_URL {url!r} ist keine http(s)-Adresse.")]
    if parts.scheme == "http":
        level = WARNUNG if parts.hostname in LOCAL_HOSTS else FEHLER
        return [Finding(level, topic, f"{url} ohne HTTPS – Anmeldedaten gingen im Klartext.")]
    out = [Finding(OK, topic, url)]
    if os.environ.get("NETZWERK_SECURE_COOKIES") != "1":
        out.append(
            Finding(WARNUNG, "Cookies", "NETZWERK_SECURE_COOKIES=1 setzen (Adresse ist HTTPS).")
        )
    if settings.proxy_hops() == 0:
        out.append(
            Finding(
                WARNUNG,
                "Reverse Proxy",
                "NETZWERK_PROXY_HOPS ist 0 – hinter dem HTTPS-Proxy 1 setzen, sonst sieht "
                "netzwerk weder Protokoll noch Absender.",
            )
        )
    return out


def check_accessibility() -> list[Finding]:
    """The accessibility statement names a contact for barriers (BITV 2.0 § 7)."""
    topic = "Barrierefreiheit"
    contact = settings.accessibility_contact()
    if not contact.reachable:
        return [
            Finding(
                WARNUNG,
                topic,
                "keine Kontaktstelle für die Erklärung zur Barrierefreiheit – "
                "NETZWERK_A11Y_EMAIL (oder _PHONE) setzen.",
            )
        ]
    return [Finding(OK, topic, f"Kontakt {contact.email or contact.phone}")]


def run(options: Options | None = None) -> list[Finding]:
    """Every check, in the order an operator reads them."""
    options = options or Options()
    config, conn = check_configuration()
    out = [config]
    guarded: list[Callable[[], list[Finding]]] = [
        lambda: [check_secret_key()],
        lambda: check_database(conn) if conn is not None else [],
        lambda: check_backups(options),
        lambda: check_disk(options, conn),
        check_address,
        check_accessibility,
    ]
    for check in guarded:
        try:
            out += check()
        except (settings.SettingsError, OSError) as exc:
            out.append(Finding(FEHLER, "Prüfung", str(exc)))
    return out


def exit_code(findings: list[Finding]) -> int:
    return max((f.level for f in findings), default=OK)
