"""Pending uploads of the import wizard, kept on disk between its steps.

An upload can hold 50,000 rows and its dry-run plan more; keeping them in memory for an
hour let three 15 MB files add about a gigabyte to the server. So each pending upload (the
parsed table, the chosen mapping, the dry-run plan) is written to one file in the spool
folder (the instance folder's ``uploads/``, mode 0700, files 0600) and read back for the
next step only; between requests the process holds nothing. Files are gzip-compressed while
they are written (a dry-run plan of a 4.7 MB CSV was a 91 MB pickle), and everything
written is counted: a new upload and every write-back of a step (the dry run's plan too).
One upload may take at most :attr:`Spool.max_item_bytes` (counted while it is written, so a
huge plan is stopped early, not after it sits on disk); the folder as a whole is capped
(:attr:`Spool.total_bytes`). When the cap is reached, uploads nobody touched for
:data:`IDLE_SECONDS` give way (oldest first), so a few users' abandoned uploads cannot block
everyone; only when fresh uploads fill the folder is a write refused with a German message.
Uploads expire after an hour without use, each user keeps at most :attr:`Spool.per_user`
(the oldest gives way), and admins see and clear them (:meth:`Spool.entries`,
:meth:`Spool.clear`).

The files are written and read only by this process, under random names it checks
(32 hex digits), in a folder only its user can open; they are pickles of the reader's and
the dry run's own dataclasses, never anything a client sent in that form.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import pickle
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from netzwerk.graph.core.errors import GraphError
from netzwerk.graph.core.i18n import N_

KEEP_SECONDS = 3600
IDLE_SECONDS = 900
"""An upload untouched this long gives way when the folder is full."""
PER_USER = 3
TOTAL_BYTES = 512 * 1024 * 1024
MAX_ITEM_BYTES = TOTAL_BYTES // 4
_UID = re.compile(r"^[0-9a-f]{32}$")
_NAME = re.compile(r"^([0-9a-f]{16})-([0-9a-f]{32})\.upload$")
_SUFFIX = ".upload"
_GZIP = b"\x1f\x8b"
_FULL = N_(
    "Auf dem Server warten gerade zu viele unfertige Importe. Bitte in einer Stunde erneut "
    "versuchen oder eine Administratorin bitten, aufzuräumen (Verwaltung › Unfertige Importe)."
)
_TOO_BIG = N_(
    "Dieser Import ist für den Zwischenspeicher zu groß (mehr als %(mb)s MB nach dem "
    "Probelauf). Bitte die Datei in kleinere Teile aufteilen."
)


class SpoolFullError(GraphError):
    """The spool folder is at its cap; ``str()`` is the German message."""


@dataclass
class Pending:
    """One upload between the wizard's steps: a table (or a workbook's sheets), the chosen
    mapping, the user's value and match choices so far, and the latest dry run."""

    owner: str
    table: Any
    kind: str
    mapping: list[str] | None = None
    plan: Any = None
    sheets: Any = None
    """A network workbook's sheets (then ``table`` is ``None``)."""
    filename: str = ""
    choices: Any = None
    """:class:`netzwerk.graph.imports.Choices` made in the value and review steps."""
    remember: bool = True
    """Save the value choices with the mapping (the value step's checkbox)."""
    book: Any = None
    """The file's sheets (:class:`netzwerk.graph.imports.Book`), so the user can choose
    another sheet or header row without uploading again."""


@dataclass(frozen=True)
class Entry:
    """A pending upload as the admin page lists it (no content is read)."""

    uid: str
    owner_tag: str
    bytes: int
    modified: float


def owner_tag(owner: str) -> str:
    """The owner's part of a file name (a hash: the folder does not list user names)."""
    return hashlib.sha256(owner.encode("utf-8")).hexdigest()[:16]


class _TooBig(Exception):
    pass


class _Counting:
    """A binary file that counts what is written and stops beyond ``limit``."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw, self.limit, self.written = raw, limit, 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        if self.written > self.limit:
            raise _TooBig
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()


class Spool:
    """Pending uploads in ``folder``; thread-safe within one process."""

    def __init__(
        self,
        folder: Path,
        *,
        keep_seconds: float = KEEP_SECONDS,
        per_user: int = PER_USER,
        total_bytes: int = TOTAL_BYTES,
        max_item_bytes: int = MAX_ITEM_BYTES,
    ) -> None:
        self.folder = Path(folder)
        self.keep_seconds, self.per_user, self.total_bytes = keep_seconds, per_user, total_bytes
        self.max_item_bytes = max_item_bytes
        self._lock = threading.Lock()

    def _ensure(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.folder, 0o700)

    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p in self.folder.iterdir() if p.suffix == _SUFFIX]

    def _path(self, uid: str, owner: str) -> Path | None:
        if not _UID.match(uid or ""):
            return None
        return self.folder / f"{owner_tag(owner)}-{uid}{_SUFFIX}"

    def prune(self, now: float | None = None) -> int:
        """Delete expired uploads; returns how many went."""
        now = time.time() if now is None else now
        gone = 0
        with self._lock:
            for path in self._files():
                with contextlib.suppress(FileNotFoundError):
                    if now - path.stat().st_mtime > self.keep_seconds:
                        path.unlink()
                        gone += 1
        return gone

    def _dump(self, item: Pending) -> tuple[str, int]:
        """Write ``item`` compressed to a private temporary file; returns it and its size.
        Raises :class:`SpoolFullError` as soon as it grows beyond :attr:`max_item_bytes`."""
        self._ensure()
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as raw:
                counting = _Counting(raw, self.max_item_bytes)
                with gzip.GzipFile(fileobj=counting, mode="wb", compresslevel=1, mtime=0) as gz:
                    pickle.dump(item, gz, protocol=pickle.HIGHEST_PROTOCOL)
            return tmp, os.path.getsize(tmp)
        except _TooBig:
            os.unlink(tmp)
            mb = self.max_item_bytes // (1024 * 1024)
            raise SpoolFullError.said(_TOO_BIG, mb=max(mb, 1)) from None
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def _idle(self, keep: Path | None) -> Iterator[Path]:
        """Uploads nobody touched for :data:`IDLE_SECONDS`, oldest first (not ``keep``)."""
        now = time.time()
        for path in sorted(self._files(), key=lambda p: p.stat().st_mtime):
            if path != keep and now - path.stat().st_mtime > IDLE_SECONDS:
                yield path

    def _make_room(self, size: int, keep: Path | None) -> None:
        """Free the folder for ``size`` more bytes (``keep``'s old size does not count):
        idle uploads give way; raises :class:`SpoolFullError` if fresh ones fill it."""

        def used() -> int:
            return sum(p.stat().st_size for p in self._files() if p != keep)

        if used() + size <= self.total_bytes:
            return
        for path in self._idle(keep):
            path.unlink(missing_ok=True)
            if used() + size <= self.total_bytes:
                return
        raise SpoolFullError.said(_FULL)

    def _store(self, path: Path, item: Pending, *, replaces: bool) -> None:
        tmp, size = self._dump(item)
        try:
            self._make_room(size, path if replaces else None)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def put(self, item: Pending) -> str:
        """Store a new upload; the user's oldest beyond :attr:`per_user` gives way."""
        self.prune()
        uid = uuid.uuid4().hex
        tag = owner_tag(item.owner)
        with self._lock:
            files = sorted(self._files(), key=lambda p: p.stat().st_mtime)
            mine = [p for p in files if p.name.startswith(tag + "-")]
            for old in mine[: max(0, len(mine) - self.per_user + 1)]:
                old.unlink(missing_ok=True)
            path = self._path(uid, item.owner)
            assert path is not None
            self._store(path, item, replaces=False)
        return uid

    def get(self, uid: str, owner: str) -> Pending | None:
        """The upload if it exists, is not expired and belongs to ``owner`` (touches it)."""
        path = self._path(uid, owner)
        if path is None:
            return None
        try:
            if time.time() - path.stat().st_mtime > self.keep_seconds:
                path.unlink(missing_ok=True)
                return None
            with path.open("rb") as src:
                packed = src.read(2) == _GZIP
                src.seek(0)
                if packed:
                    with gzip.GzipFile(fileobj=src, mode="rb") as gz:
                        item = pickle.load(gz)
                else:
                    item = pickle.load(src)
            os.utime(path)
        except (FileNotFoundError, EOFError, OSError, pickle.UnpicklingError):
            return None
        return item if isinstance(item, Pending) and item.owner == owner else None

    def update(self, uid: str, item: Pending) -> None:
        """Write a step back (the dry run's plan too), counted against the caps like a new
        upload; if it does not fit, the stored previous step stays."""
        path = self._path(uid, item.owner)
        if path is not None and path.exists():
            with self._lock:
                self._store(path, item, replaces=True)

    def drop(self, uid: str, owner: str) -> None:
        path = self._path(uid, owner)
        if path is not None:
            path.unlink(missing_ok=True)

    def usage(self) -> tuple[int, int]:
        """(number of pending uploads, bytes on disk), for tests and the admin."""
        files = self._files()
        return len(files), sum(p.stat().st_size for p in files)

    def entries(self) -> list[Entry]:
        """Every pending upload, newest first, for the admin page."""
        out = []
        for path in self._files():
            match = _NAME.match(path.name)
            with contextlib.suppress(FileNotFoundError):
                if match:
                    st = path.stat()
                    out.append(Entry(match.group(2), match.group(1), st.st_size, st.st_mtime))
        return sorted(out, key=lambda e: -e.modified)

    def clear(self, uid: str | None = None) -> int:
        """Remove one pending upload (by id) or all; returns how many went."""
        if uid is not None and not _UID.match(uid):
            return 0
        gone = 0
        with self._lock:
            for path in self._files():
                match = _NAME.match(path.name)
                if match and (uid is None or match.group(2) == uid):
                    path.unlink(missing_ok=True)
                    gone += 1
        return gone
