"""Bulk steps pause the cycle collector and leave it as they found it, across threads."""

from __future__ import annotations

import gc
import threading

import pytest

from netzwerk.graph.core import collector


def test_a_step_pauses_collection_and_resumes_it() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested: still paused after the inner one ends
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_in_the_step_resumes_collection() -> None:
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("step failed")
    assert gc.isenabled()


def test_collection_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_steps_of_two_threads_resume_once_the_last_ends() -> None:
    """Thread A starts, B starts, A ends (B still running: stays paused), B ends."""
    a_in, b_in, a_out, b_go = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def a() -> None:
        with collector.paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b() -> None:
        a_in.wait(5)
        with collector.paused():
            b_in.set()
            a_out.wait(5)
            seen["after_a"] = gc.isenabled()
            b_go.wait(5)

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    a_out.wait(5)
    b_go.set()
    for t in threads:
        t.join(5)
    assert seen == {"after_a": False}
    assert gc.isenabled()
