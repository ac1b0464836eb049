"""Long-running work (an import) in a background thread, with progress to poll.

Deliberately simple: one process (waitress runs threads, not processes), an in-memory table
of jobs that forgets finished ones after an hour. A job that raises ends in state
``failed`` with the German message of a :class:`GraphError` (or a generic one), never with
a traceback shown to the user.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from netzwerk.graph.core.errors import GraphError

log = logging.getLogger(__name__)
KEEP_SECONDS = 3600


@dataclass
class Job:
    id: str
    owner: str
    state: str = "running"  # running | done | failed
    done: int = 0
    total: int = 0
    message: str = ""
    result: Any = None
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def as_dict(self) -> dict[str, Any]:
        percent = (
            100 if self.state == "done" else int(100 * self.done / self.total) if self.total else 0
        )
        return {
            "id": self.id,
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "percent": percent,
            "message": self.message,
        }


_jobs: dict[str, Job] = {}
_lock = threading.Lock()


def _prune() -> None:
    now = time.time()
    for jid in [j.id for j in _jobs.values() if j.finished and now - j.finished > KEEP_SECONDS]:
        del _jobs[jid]


def start(owner: str, work: Callable[[Callable[[int, int], None]], Any]) -> Job:
    """Run ``work(progress)`` in a daemon thread; returns the job to poll with :func:`get`."""
    job = Job(id=uuid.uuid4().hex, owner=owner)
    with _lock:
        _prune()
        _jobs[job.id] = job

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total

    def run() -> None:
        try:
            job.result = work(progress)
            job.state = "done"
        except GraphError as exc:
            job.message, job.state = str(exc), "failed"
        except Exception:  # the thread must end in a state the page can show
            log.exception("background job %s failed", job.id)
            job.message = "Der Import ist mit einem unerwarteten Fehler abgebrochen."
            job.state = "failed"
        finally:
            job.finished = time.time()

    threading.Thread(target=run, name=f"job-{job.id[:8]}", daemon=True).start()
    return job


def get(job_id: str, owner: str) -> Job | None:
    """The job, if it exists and belongs to ``owner`` (users see only their own jobs)."""
    job = _jobs.get(job_id)
    return job if job is not None and job.owner == owner else None
