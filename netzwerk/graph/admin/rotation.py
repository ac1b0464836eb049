"""Backup files on disk: scheduled backups and safety copies, listed and pruned by age and count.

Both kinds live in the backup folder (``settings.backup_dir()``), told apart by the start of
their name: ``sicherung-…`` (written by ``netzwerk backup``, usually from the systemd timer)
and ``vor-wiederherstellung-…`` / ``vor-zuruecksetzen-…`` (safety copies written before a
restore or a reset replaces data). Each kind has its own retention: keep the newest *keep*
files and none older than *max_age_days*. The age bound is what the Löschkonzept promises:
a person erased today is gone from every file of that folder after *max_age_days* at the
latest (docs/CONSENT.md). Pruning runs after every scheduled backup and every new safety
copy, so a daily timer keeps that promise to the day. Writing them is
:mod:`netzwerk.graph.admin.backup`'s business.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netzwerk.settings import Retention

log = logging.getLogger(__name__)
SCHEDULED = ("sicherung",)
SAFETY = ("vor-wiederherstellung", "vor-zuruecksetzen")
_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-\d+)?\.json(?:\.gz)?$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    written: datetime


def _written(path: Path) -> datetime:
    """When a file was written: the UTC stamp in its name, else its modification time."""
    match = _STAMP.search(path.name)
    if match:
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def files(folder: Path, prefixes: tuple[str, ...]) -> list[BackupFile]:
    """The backup files of one kind in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [
        BackupFile(p, _written(p))
        for p in folder.iterdir()
        if p.is_file()
        and p.name.endswith((".json", ".json.gz"))
        and any(p.name.startswith(prefix + "-") for prefix in prefixes)
    ]
    return sorted(found, key=lambda f: (f.written, f.path.name), reverse=True)


def expired(
    found: list[BackupFile], retention: Retention, now: datetime | None = None
) -> list[BackupFile]:
    """Files beyond the newest ``keep`` or older than ``max_age_days`` (newest first)."""
    limit = (now or datetime.now(UTC)) - timedelta(days=retention.max_age_days)
    return [f for i, f in enumerate(found) if i >= retention.keep or f.written < limit]


def prune(
    folder: Path, prefixes: tuple[str, ...], retention: Retention, now: datetime | None = None
) -> list[Path]:
    """Delete the expired files of one kind; returns what was deleted."""
    removed = []
    for item in expired(files(folder, prefixes), retention, now):
        item.path.unlink(missing_ok=True)
        removed.append(item.path)
    if removed:
        log.info("pruned %d backup files from %s", len(removed), folder)
    return removed


def newest(folder: Path, prefixes: tuple[str, ...] = SCHEDULED) -> BackupFile | None:
    """The newest file of one kind, or None."""
    found = files(folder, prefixes)
    return found[0] if found else None
