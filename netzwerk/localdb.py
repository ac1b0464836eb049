"""A project-managed Neo4j Community server, obtained from Maven Central.

Neo4j's release tarball is not on any registry this project may use, but the server's jars
are on Maven Central. So ``start`` resolves ``org.neo4j.app:neo4j-server`` and its runtime
dependencies once with ``mvn dependency:copy-dependencies`` into a cache folder, writes a small
``neo4j.conf`` per instance (Bolt on 127.0.0.1 only, a free port, heap and page cache sized
for a 2-core machine), sets a generated password with Neo4j's own admin tool, and runs
``org.neo4j.server.CommunityEntryPoint`` in the background. It is a real Neo4j server
speaking Bolt, exactly what an office would run from the tarball.

Everything here is idempotent: a second ``start`` finds the running server and returns.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netzwerk import settings

NEO4J_VERSION = "5.26.30"
"""Pinned: the newest 5.26 LTS patch on Maven Central when this was written."""

HEAP = os.environ.get("NETZWERK_NEO4J_HEAP", "1g")
PAGECACHE = os.environ.get("NETZWERK_NEO4J_PAGECACHE", "512m")
START_TIMEOUT_S = 180.0
TEST_SETTINGS = """\
# A test instance (NETZWERK_NEO4J_FOR_TESTS=1): the tests empty the database after each
# test, so its statistics swing between nothing and thousands of records, and Neo4j planned
# every query again once ten seconds had passed (5-7 s of planning per load of the demo
# region on a busy 2-core machine). Plans stay for an hour; test data is small whatever
# plan it gets. A stop (the fault tests stop the server mid-import) waits 1 s, not 10 s, for
# running transactions before it ends them.
dbms.cypher.min_replan_interval=1h
db.shutdown_transaction_end_timeout=1s
"""

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>netzwerk.local</groupId>
  <artifactId>neo4j-server-runtime</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j.app</groupId>
      <artifactId>neo4j-server</artifactId>
      <version>{version}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""

JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
]

Say = Callable[[str], None]


class LocalDbError(RuntimeError):
    """Starting or stopping the local server failed; the message says why in German."""


@dataclass(frozen=True)
class Instance:
    """Paths of one local instance; all state of the server lives below ``root``."""

    name: str
    root: Path

    @property
    def conf_dir(self) -> Path:
        return self.root / "conf"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def pid_file(self) -> Path:
        return self.root / "neo4j.pid"

    @property
    def connection_file(self) -> Path:
        return self.root / "connection.json"


def current_instance() -> Instance:
    name = settings.instance_name()
    return Instance(name=name, root=settings.instance_dir(name))


def lib_dir() -> Path:
    return settings.netzwerk_home() / "neo4j" / NEO4J_VERSION / "lib"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise LocalDbError("Java 17 oder 21 wird benötigt, wurde aber nicht gefunden.")
    return found


def ensure_jars(say: Say = print) -> Path:
    """Download the server jars once; later calls return the cached folder at once."""
    lib = lib_dir()
    marker = lib / ".complete"
    if marker.exists():
        return lib
    lib.parent.mkdir(parents=True, exist_ok=True)
    # `make test` starts one instance per test worker at once: one downloads, the rest wait
    with (lib.parent / ".download.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists():
            return lib
        return _download_jars(lib, marker, say)


def _download_jars(lib: Path, marker: Path, say: Say) -> Path:
    mvn = shutil.which("mvn")
    if not mvn:
        raise LocalDbError(
            "Maven (mvn) wird benötigt, um Neo4j zu laden, wurde aber nicht gefunden."
        )
    build = lib.parent / "resolve"
    build.mkdir(parents=True, exist_ok=True)
    (build / "pom.xml").write_text(POM.format(version=NEO4J_VERSION), encoding="utf-8")
    tmp = lib.parent / "lib.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    say(f"Lade Neo4j Community {NEO4J_VERSION} über Maven Central (einmalig, ca. 120 MB) …")
    proc = subprocess.run(
        [
            mvn,
            "-q",
            "-B",
            "-f",
            str(build / "pom.xml"),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={tmp}",
            "-DincludeScope=runtime",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise LocalDbError(
            "Neo4j konnte nicht über Maven geladen werden:\n" + (proc.stdout + proc.stderr)[-2000:]
        )
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    marker.write_text(NEO4J_VERSION, encoding="utf-8")
    return lib


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_free(port: int) -> bool:
    """Whether a server could listen on the port now (TIME_WAIT leftovers do not count:
    Neo4j binds with SO_REUSEADDR, so this check does too)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _write_conf(inst: Instance, port: int) -> None:
    inst.conf_dir.mkdir(parents=True, exist_ok=True)
    conf = f"""# Written by `netzwerk db start`; regenerated on every start.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:{port}
server.http.enabled=false
server.https.enabled=false
server.directories.data={inst.data_dir}
server.directories.logs={inst.logs_dir}
server.directories.plugins={inst.root / "plugins"}
server.directories.import={inst.root / "import"}
server.memory.pagecache.size={PAGECACHE}
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
db.tx_log.rotation.retention_policy=2 files
db.transaction.timeout=10m
"""
    if os.environ.get("NETZWERK_NEO4J_FOR_TESTS", "") == "1":  # set by `make test`
        conf += TEST_SETTINGS
    (inst.conf_dir / "neo4j.conf").write_text(conf, encoding="utf-8")


def _read_pid(inst: Instance) -> int | None:
    try:
        pid = int(inst.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return pid  # no /proc (not Linux): trust the signal check
    if "State:\tZ" in status or b"java" not in cmdline:
        return None  # a zombie, or the pid was reused by an unrelated program
    return pid


def _connection(inst: Instance) -> dict[str, object] | None:
    if not inst.connection_file.exists():
        return None
    return json.loads(inst.connection_file.read_text(encoding="utf-8"))


def _bolt_answers(uri: str, user: str, password: str) -> bool:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

    try:
        with GraphDatabase.driver(uri, auth=(user, password), connection_timeout=2) as drv:
            drv.verify_connectivity()
            return True
    except (ServiceUnavailable, SessionExpired, OSError):
        return False
    except AuthError as exc:
        raise LocalDbError(f"Neo4j lehnt die gespeicherten Zugangsdaten ab: {exc}") from exc


def start(say: Say = print) -> settings.ConnectionSettings:
    """Start the local server (or find it running) and return how to reach it."""
    ext = settings.external_settings()
    if ext is not None:
        say(
            f"NEO4J_URI ist gesetzt: netzwerk nutzt den externen Server {ext.redacted()}; "
            "es wird keine lokale Datenbank gestartet."
        )
        return ext
    inst = current_instance()
    try:
        inst.root.mkdir(parents=True, exist_ok=True)
        os.chmod(inst.root, 0o700)
        probe = inst.root / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise LocalDbError(
            f"Der Instanzordner {inst.root} ist nicht beschreibbar ({exc.strerror or exc}). "
            "Prüfen Sie Rechte und freien Speicherplatz oder setzen Sie NETZWERK_HOME auf "
            "einen anderen Ordner."
        ) from exc
    conn = _connection(inst)
    pid = _read_pid(inst)
    if pid and conn and _bolt_answers(str(conn["uri"]), str(conn["user"]), str(conn["password"])):
        say(f"Neo4j läuft bereits (Instanz {inst.name}, PID {pid}, {conn['uri']}).")
        return settings.resolve()
    if pid:
        say(f"Neo4j-Prozess {pid} antwortet nicht; warte auf ihn …")
        return _wait_ready(inst, pid, say)

    lib = ensure_jars(say)
    java = _java()
    first_start = conn is None
    if conn is None:
        port = _free_port()
        conn = {
            "uri": f"bolt://127.0.0.1:{port}",
            "user": "neo4j",
            "password": "nw" + secrets.token_hex(24),  # never starts with "-"
            "database": settings.DEFAULT_DATABASE,
        }
    port = int(str(conn["uri"]).rsplit(":", 1)[1])
    if not _port_free(port):
        raise LocalDbError(
            f"Port {port} ist belegt; Instanz {inst.name} kann nicht starten. "
            "Beenden Sie das andere Programm oder löschen Sie "
            f"{inst.connection_file}, um einen neuen Port zu wählen."
        )
    _write_conf(inst, port)
    for sub in ("data", "logs", "plugins", "import"):
        (inst.root / sub).mkdir(exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(inst.root), "NEO4J_CONF": str(inst.conf_dir)}
    classpath = f"{lib}/*"
    if first_start:
        proc = subprocess.run(
            [
                java,
                "-cp",
                classpath,
                "org.neo4j.cli.AdminTool",
                "dbms",
                "set-initial-password",
                str(conn["password"]),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            raise LocalDbError("Passwort konnte nicht gesetzt werden:\n" + proc.stderr[-2000:])
        inst.connection_file.write_text(json.dumps(conn, indent=1), encoding="utf-8")
        os.chmod(inst.connection_file, 0o600)
    say(f"Starte Neo4j {NEO4J_VERSION} (Instanz {inst.name}, {conn['uri']}) …")
    console = open(inst.logs_dir / "console.log", "ab")  # noqa: SIM115 - handed to the child
    child = subprocess.Popen(
        [
            java,
            f"-Xms{HEAP}",
            f"-Xmx{HEAP}",
            *JVM_FLAGS,
            "-cp",
            classpath,
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={inst.root}",
            f"--config-dir={inst.conf_dir}",
        ],
        env=env,
        stdout=console,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    console.close()
    inst.pid_file.write_text(str(child.pid), encoding="utf-8")
    return _wait_ready(inst, child.pid, say, child)


def _wait_ready(
    inst: Instance, pid: int, say: Say, child: subprocess.Popen[bytes] | None = None
) -> settings.ConnectionSettings:
    conn = _connection(inst)
    assert conn is not None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        ended = child.poll() is not None if child is not None else _read_pid(inst) is None
        if ended:
            tail = _log_tail(inst)
            raise LocalDbError(f"Neo4j hat sich beim Start beendet. Letzte Logzeilen:\n{tail}")
        if _bolt_answers(str(conn["uri"]), str(conn["user"]), str(conn["password"])):
            say(f"Neo4j ist bereit: {conn['uri']}")
            return settings.resolve()
        time.sleep(0.5)
    raise LocalDbError(
        f"Neo4j antwortet nach {START_TIMEOUT_S:.0f} s nicht. "
        f"Logs: {inst.logs_dir}\n{_log_tail(inst)}"
    )


def _log_tail(inst: Instance, lines: int = 20) -> str:
    out = []
    for name in ("console.log", "neo4j.log"):
        path = inst.logs_dir / name
        if path.exists():
            out += path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    return "\n".join(out)


def stop(say: Say = print) -> bool:
    """Stop the local server; returns whether one was running."""
    if settings.external_settings() is not None:
        say("NEO4J_URI ist gesetzt: ein externer Server wird von netzwerk nicht gestoppt.")
        return False
    inst = current_instance()
    pid = _read_pid(inst)
    if pid is None:
        say(f"Neo4j (Instanz {inst.name}) läuft nicht.")
        inst.pid_file.unlink(missing_ok=True)
        return False
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _read_pid(inst) is not None:
        time.sleep(0.3)
    if _read_pid(inst) is not None:
        os.killpg(pid, signal.SIGKILL)
    inst.pid_file.unlink(missing_ok=True)
    say(f"Neo4j (Instanz {inst.name}) wurde gestoppt.")
    return True


def is_running() -> bool:
    return _read_pid(current_instance()) is not None
