"""Connection to Neo4j and the two ways every query runs: as a read or as a write.

Following the driver manual, single statements go through ``driver.execute_query`` with the
database named explicitly (saves a round trip to resolve the home database) and reads routed
to readers, so the same code works against a cluster. Multi-statement work uses managed
transactions (``session.execute_write``), which the driver retries on transient errors.
Driver exceptions for an unreachable server become :class:`DatabaseUnavailableError`, a
refused login :class:`DatabaseAuthError`, each with one German line naming what to check.
After such a failure the store checks connectivity once (no retries) before each query until
the server answers again, so pages and commands fail fast instead of retrying for seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl, Session
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    ServiceUnavailable,
    SessionExpired,
)

from netzwerk import settings
from netzwerk.graph.core import queries
from netzwerk.graph.core.errors import (
    ConflictError,
    DatabaseAuthError,
    DatabaseUnavailableError,
    NotFoundError,
)
from netzwerk.graph.core.i18n import N_

T = TypeVar("T")


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})


def to_native(value: Any) -> Any:
    """Convert neo4j temporal values (and containers of them) to Python's own types.

    Plain values are answered first by their exact type: every value of every row passes
    through here, and a read of 70,000 history entries spent a third of its time asking
    strings whether they have a ``to_native`` method.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    # Containers ask their plain values without a call each: a bulk write's answer is one
    # list of 30,000 maps.
    if kind is dict:
        return {k: v if type(v) in _PLAIN else to_native(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _PLAIN else to_native(v) for v in value]
    if hasattr(value, "to_native"):
        return value.to_native()
    return value


def _rows(records: Iterable[neo4j.Record]) -> list[dict[str, Any]]:
    """A query's answer as plain dicts of Python values (every way of running one ends here)."""
    return [{k: to_native(v) for k, v in rec.items()} for rec in records]


@dataclass
class Store:
    """A driver plus the database name; pass it to every function of ``netzwerk.graph``."""

    driver: Driver
    database: str
    description: str = ""
    conn: settings.ConnectionSettings | None = field(default=None, repr=False, compare=False)
    _down: bool = field(default=False, repr=False, compare=False)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _unreachable(self) -> str:
        if self.conn is not None:
            return self.conn.unreachable_message()
        return N_(
            "Die Datenbank (Neo4j) ist nicht erreichbar. Bitte später erneut versuchen "
            "oder die Datenbank mit `netzwerk db start` starten."
        )

    def _refused(self) -> str:
        if self.conn is not None:
            return self.conn.auth_message()
        return N_("Neo4j lehnt die Anmeldung ab – bitte NEO4J_USER und NEO4J_PASSWORD prüfen.")

    def check(self) -> None:
        """Reach the server once, without retries; raise the German error if that fails."""
        with self._translate(probe=False):
            self.driver.verify_connectivity()
        self._down = False

    @contextmanager
    def _translate(self, *, probe: bool = True) -> Iterator[None]:
        if probe and self._down:
            self.check()  # still down: fails fast here, before the driver's retry loop
        try:
            yield
        except AuthError as exc:  # before ClientError, of which it is a kind
            self._down = True
            raise DatabaseAuthError.said(self._refused()) from exc
        except ConstraintError as exc:
            raise ConflictError.said(
                N_("Ein Datensatz mit dieser Kennung existiert bereits; nichts wurde gespeichert.")
            ) from exc
        except ClientError as exc:
            if (exc.code or "").startswith("Neo.ClientError.Security."):
                # e.g. AuthenticationRateLimit after several wrong passwords: still the login
                self._down = True
                raise DatabaseAuthError.said(self._refused()) from exc
            # A record deleted (or merged away) by a concurrent request while this one had
            # already matched it: the same outcome as not finding it, so 404, never a 500.
            if exc.code != "Neo.ClientError.Statement.EntityNotFound":
                raise
            raise NotFoundError.said(
                N_(
                    "Der Datensatz wurde inzwischen von jemand anderem gelöscht oder "
                    "zusammengeführt."
                )
            ) from exc
        except (ServiceUnavailable, SessionExpired, ConnectionError, OSError) as exc:
            self._down = True
            raise DatabaseUnavailableError.said(self._unreachable()) from exc

    def read(
        self, name: str, /, idents: dict[str, str] | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """Run a named read query; rows come back as plain dicts with native values."""
        return self._run(name, idents, params, RoutingControl.READ)

    def write(
        self, name: str, /, idents: dict[str, str] | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """Run a named write query in its own auto-retried transaction."""
        return self._run(name, idents, params, RoutingControl.WRITE)

    def probe(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a named read once, without the driver's retries.

        For health checks: a monitoring probe gives up after a second or a few, while a
        retried read keeps trying for ``max_transaction_retry_time`` when the server is
        down; the probe wants "down" at once, and the next probe asks again.
        """
        text = queries.render(name)
        with (
            self._translate(),
            self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session,
        ):
            return _rows(session.run(text, params))

    def _run(
        self,
        name: str,
        idents: dict[str, str] | None,
        params: dict[str, Any],
        routing: RoutingControl,
    ) -> list[dict[str, Any]]:
        text = queries.render(name, **(idents or {}))
        with self._translate():
            records, _, _ = self.driver.execute_query(
                text, params, database_=self.database, routing_=routing
            )
        return _rows(records)

    def session(self) -> Session:
        """A session that shares the bookmarks of :meth:`read` and :meth:`write`.

        On a cluster (``neo4j://``, Aura) reads go to secondaries that may lag behind the
        leader; with one bookmark manager for every session and ``execute_query`` of this
        driver, a read waits until the server has what this process wrote before it (causal
        consistency), so a page shown after a save shows the save.
        """
        return self.driver.session(
            database=self.database,
            bookmark_manager=self.driver.execute_query_bookmark_manager,
        )

    def transaction(self, work: Callable[[Tx], T], *, write: bool = True) -> T:
        """Run ``work`` in one managed transaction (all or nothing, retried if transient)."""
        with self._translate(), self.session() as session:
            run = session.execute_write if write else session.execute_read
            return run(lambda tx: work(Tx(tx)))


class Tx:
    """A managed transaction that, like :class:`Store`, only runs named queries."""

    def __init__(self, tx: ManagedTransaction):
        self._tx = tx
        self.batch = ""
        """The changeset this transaction applies, if any: every history entry and consent
        record written in it carries the id, so the changeset can be undone as one step
        even where the use case calls the single-record writes (a survey review)."""

    def run(
        self, name: str, /, idents: dict[str, str] | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        text = queries.render(name, **(idents or {}))
        result = self._tx.run(text, params)
        return _rows(result)


class _NoRetryWarnings(logging.Filter):
    """Drops the driver's "Transaction failed and will be retried" warnings (English, one
    per retry): a failure that outlasts the retries ends in one German error instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be retried" not in str(record.msg)


def quiet_driver_retries() -> None:
    """Install :class:`_NoRetryWarnings` on the driver's session logger (idempotent)."""
    session_log = logging.getLogger("neo4j.session")
    if not any(isinstance(f, _NoRetryWarnings) for f in session_log.filters):
        session_log.addFilter(_NoRetryWarnings())


def connect(conn: settings.ConnectionSettings | None = None) -> Store:
    """Open a driver for the configured server (see :mod:`netzwerk.settings`)."""
    conn = conn or settings.resolve()
    driver = GraphDatabase.driver(
        conn.uri,
        auth=(conn.user, conn.password),
        connection_timeout=5,
        connection_acquisition_timeout=10,
        max_transaction_retry_time=5,
        user_agent=f"netzwerk/{neo4j.__version__}",
        # Hints such as "property key does not exist" are expected on a young database
        # (an optional field nobody filled yet) and would only flood the logs.
        notifications_min_severity="OFF",
    )
    return Store(driver=driver, database=conn.database, description=conn.redacted(), conn=conn)
