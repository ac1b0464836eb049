"""Pending uploads of the import wizard, kept on disk between its steps.

An upload can hold 50,000 rows and its dry-run plan more; keeping them in memory for an
hour let three 15 MB files add about a gigabyte to the server. So each pending upload (the
parsed table, the chosen mapping, the dry-run plan) is written to one file in the spool
folder (the instance folder's ``uploads/``, mode 0700, files 0600) and read back for the
next step only; between requests the process holds nothing. Uploads expire after an hour
without use, each user keeps at most :attr:`Spool.per_user` (the oldest gives way), and the
folder as a whole is capped (:attr:`Spool.total_bytes`: beyond it a new upload is refused
with a German message until old ones expire).

The files are written and read only by this process, under random names it checks
(32 hex digits), in a folder only its user can open; they are pickles of the reader's and
the dry run's own dataclasses, never anything a client sent in that form.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netzwerk.graph.core.errors import GraphError

KEEP_SECONDS = 3600
PER_USER = 3
TOTAL_BYTES = 512 * 1024 * 1024
_UID = re.compile(r"^[0-9a-f]{32}$")
_SUFFIX = ".upload"


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


def _owner_tag(owner: str) -> str:
    return hashlib.sha256(owner.encode("utf-8")).hexdigest()[:16]


class Spool:
    """Pending uploads in ``folder``; thread-safe within one process."""

    def __init__(
        self,
        folder: Path,
        *,
        keep_seconds: float = KEEP_SECONDS,
        per_user: int = PER_USER,
        total_bytes: int = TOTAL_BYTES,
    ) -> None:
        self.folder = Path(folder)
        self.keep_seconds, self.per_user, self.total_bytes = keep_seconds, per_user, total_bytes
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
        return self.folder / f"{_owner_tag(owner)}-{uid}{_SUFFIX}"

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

    def _write(self, path: Path, item: Pending) -> None:
        self._ensure()
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as out:
                pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def put(self, item: Pending) -> str:
        """Store a new upload; the user's oldest beyond :attr:`per_user` gives way."""
        self.prune()
        uid = uuid.uuid4().hex
        tag = _owner_tag(item.owner)
        with self._lock:
            files = sorted(self._files(), key=lambda p: p.stat().st_mtime)
            mine = [p for p in files if p.name.startswith(tag + "-")]
            for old in mine[: max(0, len(mine) - self.per_user + 1)]:
                old.unlink(missing_ok=True)
            used = sum(p.stat().st_size for p in self._files())
            if used >= self.total_bytes:
                raise SpoolFullError(
                    "Auf dem Server warten gerade zu viele unfertige Importe. Bitte in einer "
                    "Stunde erneut versuchen oder eine Administratorin bitten, aufzuräumen."
                )
            path = self._path(uid, item.owner)
            assert path is not None
            self._write(path, item)
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
                item = pickle.load(src)
            os.utime(path)
        except (FileNotFoundError, EOFError, pickle.UnpicklingError):
            return None
        return item if isinstance(item, Pending) and item.owner == owner else None

    def update(self, uid: str, item: Pending) -> None:
        path = self._path(uid, item.owner)
        if path is not None and path.exists():
            with self._lock:
                self._write(path, item)

    def drop(self, uid: str, owner: str) -> None:
        path = self._path(uid, owner)
        if path is not None:
            path.unlink(missing_ok=True)

    def usage(self) -> tuple[int, int]:
        """(number of pending uploads, bytes on disk), for tests and the admin."""
        files = self._files()
        return len(files), sum(p.stat().st_size for p in files)
