"""The deployment artefacts in ``deploy/`` are valid and agree with the code and the docs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netzwerk import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service")) + sorted(
    (DEPLOY / "systemd").glob("*.timer")
)
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "netzwerk").rglob("*.py"))
OPERATIONS = (ROOT / "docs" / "OPERATIONS.md").read_text(encoding="utf-8")
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


def test_the_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    """systemd itself checks every key and section; the programs the units start are
    replaced by ones that exist here (verify insists on executables)."""
    assert SYSTEMD_ANALYZE, "systemd-analyze fehlt (Paket systemd)"
    for unit in UNITS:
        text = unit.read_text(encoding="utf-8")
        text = text.replace("/opt/netzwerk/.venv/bin/netzwerk", sys.executable)
        (tmp_path / unit.name).write_text(text.replace("/opt/neo4j/bin/neo4j", "/bin/sh"))
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "--man=no", *(str(tmp_path / u.name) for u in UNITS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_the_timer_runs_the_backup_daily() -> None:
    assert SYSTEMD_ANALYZE
    timer = (DEPLOY / "systemd" / "netzwerk-backup.timer").read_text(encoding="utf-8")
    when = re.search(r"^OnCalendar=(.+)$", timer, re.MULTILINE)
    assert when and "Persistent=true" in timer
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "calendar", "--iterations=2", when.group(1)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapses = re.findall(r"(\d{4}-\d{2}-\d{2}) ", result.stdout)
    assert len(elapses) == 2 and elapses[0] != elapses[1], result.stdout
    service = (DEPLOY / "systemd" / "netzwerk-backup.service").read_text(encoding="utf-8")
    assert re.search(r"^ExecStart=\S+/netzwerk backup$", service, re.MULTILINE)


def _unit(name: str) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for line in (DEPLOY / "systemd" / name).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys.setdefault(key, []).append(value)
    return keys


def test_the_service_gets_its_secrets_as_files_and_serves_only_to_the_proxy() -> None:
    unit = _unit("netzwerk.service")
    assert "--host 127.0.0.1" in unit["ExecStart"][0]
    assert set(unit["Environment"]) == {
        "NETZWERK_SECRET_KEY_FILE=%d/secret_key",
        "NEO4J_PASSWORD_FILE=%d/neo4j_password",
    }
    assert {c.split(":")[0] for c in unit["LoadCredential"]} == {"secret_key", "neo4j_password"}
    assert "neo4j.service" in unit["After"][0]
    env = (DEPLOY / "netzwerk.env").read_text(encoding="utf-8")
    assert not re.search(r"(PASSWORD|SECRET_KEY|TOKEN)=", env)


def _env_names() -> set[str]:
    names = set(re.findall(r"^([A-Z0-9_]+)=", (DEPLOY / "netzwerk.env").read_text(), re.MULTILINE))
    for unit in UNITS:
        names |= set(re.findall(r"\b((?:NETZWERK|NEO4J)_[A-Z0-9_]+)=", unit.read_text()))
    return names


def test_every_setting_in_the_artefacts_is_read_by_the_code_and_documented() -> None:
    names = _env_names()
    assert {"NETZWERK_BASE_URL", "NETZWERK_PROXY_HOPS", "NEO4J_URI"} <= names
    for name in names:
        assert f'"{name}' in SOURCES or f'"{name.removesuffix("_FILE")}' in SOURCES, name
        assert name in OPERATIONS, f"{name} fehlt in docs/OPERATIONS.md"
    read = set(re.findall(r'"((?:NETZWERK|NEO4J)_[A-Z0-9_]+)"', SOURCES))
    read |= {
        f"{n}_FILE" for n in ("NEO4J_PASSWORD", "NETZWERK_SECRET_KEY", "NETZWERK_METRICS_TOKEN")
    }
    missing = sorted(n for n in read if n not in OPERATIONS and not n.startswith("NETZWERK_TEST"))
    assert not missing, f"in docs/OPERATIONS.md nicht beschrieben: {missing}"


def _blocks(conf: str) -> list[tuple[str, str]]:
    """``server``/``location`` blocks of an nginx file as (head, body); braces balanced."""
    depth = 0
    heads: list[str] = []
    out: list[tuple[str, str]] = []
    start: list[int] = []
    for match in re.finditer(r"([^{};]*)\{|\}", conf):
        if match.group(0) == "}":
            depth -= 1
            assert depth >= 0, "unbalanced braces"
            out.append((heads.pop(), conf[start.pop() : match.start()]))
        else:
            depth += 1
            heads.append(re.sub(r"#.*", "", match.group(1)).strip())
            start.append(match.end())
    assert depth == 0, "unbalanced braces"
    return out


def test_the_nginx_example_terminates_tls_and_forwards_what_proxyfix_trusts() -> None:
    conf = re.sub(r"#[^\n]*", "", (DEPLOY / "nginx" / "netzwerk.conf").read_text())
    assert all(line.strip().endswith((";", "{", "}")) for line in conf.splitlines() if line.strip())
    blocks = _blocks(conf)
    servers = [body for head, body in blocks if head == "server"]
    assert len(servers) == 2 and "return 301 https://" in servers[0]
    assert "listen 443 ssl;" in servers[1] and "ssl_certificate_key" in servers[1]
    site = dict(blocks)["location /"]
    for header in ("X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme", "Host $host"):
        assert f"proxy_set_header {header};" in site
    assert "proxy_pass http://127.0.0.1:5000;" in site
    assert "deny all;" in dict(blocks)["location = /metrics"]
    assert "Strict-Transport-Security" in conf
    body = re.search(r"client_max_body_size (\d+)m;", conf)
    assert body and int(body.group(1)) * 1024 * 1024 >= 21 * 1024 * 1024


@pytest.mark.parametrize(("value", "hops"), [("", 0), ("0", 0), ("1", 1), (" 2 ", 2)])
def test_proxy_hops(monkeypatch: pytest.MonkeyPatch, value: str, hops: int) -> None:
    monkeypatch.setenv("NETZWERK_PROXY_HOPS", value)
    assert settings.proxy_hops() == hops


@pytest.mark.parametrize("value", ["-1", "eins", "9", "1.5"])
def test_proxy_hops_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NETZWERK_PROXY_HOPS", value)
    with pytest.raises(settings.SettingsError, match="NETZWERK_PROXY_HOPS"):
        settings.proxy_hops()


def test_the_neo4j_password_comes_from_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "pw"
    secret.write_text("aus der Datei\n")
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "aus der Umgebung")
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(secret))
    conn = settings.resolve()
    assert conn.password == "aus der Datei" and "Datei" not in repr(conn)
    monkeypatch.setenv("NEO4J_PASSWORD_FILE", str(tmp_path / "fehlt"))
    with pytest.raises(settings.SettingsError, match="NEO4J_PASSWORD_FILE verweist auf"):
        settings.resolve()
