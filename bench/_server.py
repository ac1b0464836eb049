"""The app as a separate server process on loopback, for benchmarks that measure requests."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlencode


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(command: list[str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``command`` (which serves on ``port``), wait until it accepts connections, and
    stop it afterwards. A fixed secret key keeps sessions valid across its threads."""
    env = {**os.environ, "NETZWERK_SECRET_KEY": "bench-secret"}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


class Session:
    """A browser-like client: one keep-alive connection and the session cookie."""

    def __init__(self, port: int, timeout: float = 60):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookie = ""

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, str] | list[tuple[str, str]] | None = None,
    ) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=data, headers=headers)
        resp = self.conn.getresponse()
        text = resp.read().decode("utf-8")
        for header, value in resp.getheaders():
            if header.lower() == "set-cookie" and value.startswith("netzwerk_session="):
                self.cookie = value.split(";", 1)[0]
        return resp.status, text
