"""Background jobs: progress, results, failures with German messages, owner isolation."""

from __future__ import annotations

import time

from netzwerk.graph.core.errors import GraphError
from netzwerk.graph.imports import jobs


def _wait(job: jobs.Job) -> jobs.Job:
    for _ in range(200):
        if job.state != "running":
            return job
        time.sleep(0.01)
    raise AssertionError("job did not finish")


def test_progress_and_result() -> None:
    def work(progress):
        progress(5, 10)
        progress(10, 10)
        return "fertig"

    job = _wait(jobs.start("eva", work))
    assert (job.state, job.result) == ("done", "fertig")
    assert job.as_dict()["percent"] == 100 and job.as_dict()["done"] == 10
    assert jobs.get(job.id, "eva") is job
    assert jobs.get(job.id, "mallory") is None
    assert jobs.get("unknown", "eva") is None


def test_failures_end_in_a_shown_message() -> None:
    def german(progress):
        raise GraphError("Die Datenbank ist nicht erreichbar.")

    def crash(progress):
        raise RuntimeError("Traceback details must not reach the page")

    a = _wait(jobs.start("eva", german))
    b = _wait(jobs.start("eva", crash))
    assert (a.state, a.message) == ("failed", "Die Datenbank ist nicht erreichbar.")
    assert b.state == "failed" and "unerwarteten Fehler" in b.message
    assert "Traceback" not in b.message
