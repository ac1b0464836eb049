"""``/metrics`` for the town's monitoring (Prometheus text format) and the access log.

What is counted names routes, never addresses: the label is the endpoint (``records.detail``),
not the path with its ids, and never a query string, a user, a client address or a value —
so neither the metrics nor the access log hold personal data (tested). Database state and
backup age are read when scraped. ``NETZWERK_METRICS_TOKEN`` (or ``…_FILE``) makes the
endpoint ask for ``Authorization: Bearer <token>``; the proxy example in ``deploy/`` also
limits it to the monitoring host.

References
----------
Prometheus, "Exposition formats" (text-based format 0.0.4),
https://prometheus.io/docs/instrumenting/exposition_formats/
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from netzwerk import __version__, graph, settings
from netzwerk.graph.admin import rotation
from netzwerk.graph.core import schema
from netzwerk.web.extensions import get_store

bp = Blueprint("metrics", __name__)
access_log = logging.getLogger("netzwerk.access")
BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class _State(Collector):
    """Gauges read at scrape time: database up, pending upgrade steps, backup age."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[GaugeMetricFamily]:
        info = GaugeMetricFamily("netzwerk_info", "Version von netzwerk", labels=["version"])
        info.add_metric([__version__], 1)
        yield info
        up, pending = 0.0, float("nan")
        with self.app.app_context():
            try:
                store = get_store()
                graph.server_info(store, once=True)
                up, pending = 1.0, float(len(schema.status(store).pending))
            except graph.GraphError:
                pass
        yield GaugeMetricFamily("netzwerk_database_up", "Neo4j erreichbar (1) oder nicht (0)", up)
        yield GaugeMetricFamily(
            "netzwerk_schema_pending_steps", "Ausstehende Schema- und Migrationsschritte", pending
        )
        newest = rotation.newest(settings.backup_dir())
        last = newest.written.timestamp() if newest else 0.0
        age = datetime.now(UTC).timestamp() - last if newest else float("nan")
        yield GaugeMetricFamily(
            "netzwerk_backup_last_timestamp_seconds",
            "Zeitpunkt der letzten planmäßigen Sicherung (0: keine)",
            last,
        )
        yield GaugeMetricFamily(
            "netzwerk_backup_age_seconds", "Alter der letzten planmäßigen Sicherung", age
        )


class Metrics:
    """One registry per app, so that several apps in one process (tests) do not collide."""

    def __init__(self, app: Flask) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "netzwerk_http_requests",
            "Beantwortete Anfragen nach Route, Methode und Status",
            ["endpoint", "method", "status"],
            registry=self.registry,
        )
        self.errors = Counter(
            "netzwerk_http_errors",
            "Anfragen mit Serverfehler (Status 5xx) nach Route",
            ["endpoint"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "netzwerk_http_request_duration_seconds",
            "Antwortzeit nach Route",
            ["endpoint"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.registry.register(_State(app))


def _start() -> None:
    g.metrics_start = time.perf_counter()


def _finish(resp: Response) -> Response:
    started = g.pop("metrics_start", None)
    if started is None:
        return resp
    seconds = time.perf_counter() - started
    endpoint = request.endpoint or "unbekannt"
    found: Metrics = current_app.extensions["netzwerk_metrics"]
    found.requests.labels(endpoint, request.method, str(resp.status_code)).inc()
    if resp.status_code >= 500:
        found.errors.labels(endpoint).inc()
    found.latency.labels(endpoint).observe(seconds)
    access_log.info("%s %s %d %.3fs", request.method, endpoint, resp.status_code, seconds)
    return resp


def init_app(app: Flask) -> None:
    app.extensions["netzwerk_metrics"] = Metrics(app)
    app.before_request(_start)
    app.after_request(_finish)
    app.register_blueprint(bp)


@bp.get("/metrics")
def metrics() -> Response:
    token = settings.metrics_token()
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            abort(401)
    found: Metrics = current_app.extensions["netzwerk_metrics"]
    resp = Response(generate_latest(found.registry), mimetype="text/plain; version=0.0.4")
    resp.headers["Cache-Control"] = "no-store"
    return resp
