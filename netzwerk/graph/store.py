"""Connection to Neo4j and the two ways every query runs: as a read or as a write.

Following the driver manual, single statements go through ``driver.execute_query`` with the
database named explicitly (saves a round trip to resolve the home database) and reads routed
to readers, so the same code works against a cluster. Multi-statement work uses managed
transactions (``session.execute_write``), which the driver retries on transient errors.
Driver exceptions for an unreachable server become :class:`DatabaseUnavailableError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import ClientError, ConstraintError, ServiceUnavailable, SessionExpired

from netzwerk import settings
from netzwerk.graph import queries
from netzwerk.graph.errors import ConflictError, DatabaseUnavailableError, NotFoundError

T = TypeVar("T")


def to_native(value: Any) -> Any:
    """Convert neo4j temporal values (and containers of them) to Python's own types."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, dict):
        return {k: to_native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_native(v) for v in value]
    return value


@dataclass
class Store:
    """A driver plus the database name; pass it to every function of ``netzwerk.graph``."""

    driver: Driver
    database: str
    description: str = ""

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _translate(self) -> Iterator[None]:
        try:
            yield
        except ConstraintError as exc:
            raise ConflictError(
                "Ein Datensatz mit dieser Kennung existiert bereits; nichts wurde gespeichert."
            ) from exc
        except ClientError as exc:
            # A record deleted (or merged away) by a concurrent request while this one had
            # already matched it: the same outcome as not finding it, so 404, never a 500.
            if exc.code != "Neo.ClientError.Statement.EntityNotFound":
                raise
            raise NotFoundError(
                "Der Datensatz wurde inzwischen von jemand anderem gelöscht oder zusammengeführt."
            ) from exc
        except (ServiceUnavailable, SessionExpired, ConnectionError, OSError) as exc:
            raise DatabaseUnavailableError(
                "Die Datenbank (Neo4j) ist nicht erreichbar. Bitte später erneut versuchen "
                "oder die Datenbank mit `netzwerk db start` starten."
            ) from exc

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
        return [{k: to_native(v) for k, v in rec.items()} for rec in records]

    def transaction(self, work: Callable[[Tx], T], *, write: bool = True) -> T:
        """Run ``work`` in one managed transaction (all or nothing, retried if transient)."""
        with self._translate(), self.driver.session(database=self.database) as session:
            run = session.execute_write if write else session.execute_read
            return run(lambda tx: work(Tx(tx)))


class Tx:
    """A managed transaction that, like :class:`Store`, only runs named queries."""

    def __init__(self, tx: ManagedTransaction):
        self._tx = tx

    def run(
        self, name: str, /, idents: dict[str, str] | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        text = queries.render(name, **(idents or {}))
        result = self._tx.run(text, params)
        return [{k: to_native(v) for k, v in rec.items()} for rec in result]


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
    return Store(driver=driver, database=conn.database, description=conn.redacted())
