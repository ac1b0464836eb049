"""A real OpenLDAP server for the login tests: Debian's ``slapd`` (installed by ``make
test``), started on a free loopback port with a throwaway configuration and database.

The directory holds the people and groups of a small Bildungsbüro::

    dc=bildungsbuero,dc=example
      ou=people:  anna (admins), bernd (redaktion), carla (lesen + kontakte), dora (no group)
      ou=groups:  netzwerk-admins, netzwerk-redaktion, netzwerk-lesen, netzwerk-kontakte
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE = "dc=bildungsbuero,dc=example"
ROOT_DN = f"cn=admin,{BASE}"
ROOT_PW = "slapd-Test-Passwort-1"
PEOPLE = {  # uid: (full name, password, groups)
    "anna": ("Anna Albers", "Anna-Passwort-1", ["netzwerk-admins"]),
    "bernd": ("Bernd Becker", "Bernd-Passwort-2", ["netzwerk-redaktion"]),
    "carla": ("Carla Conrad", "Carla-Passwort-3", ["netzwerk-lesen", "netzwerk-kontakte"]),
    "dora": ("Dora Dietz", "Dora-Passwort-4", []),
}
GROUPS = ("netzwerk-admins", "netzwerk-redaktion", "netzwerk-lesen", "netzwerk-kontakte")
SCHEMAS = ("core", "cosine", "nis", "inetorgperson")


def person_dn(uid: str) -> str:
    return f"uid={uid},ou=people,{BASE}"


def group_dn(cn: str) -> str:
    return f"cn={cn},ou=groups,{BASE}"


def _binary(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not found:
        pytest.fail(
            f"{name} fehlt: `make test` installiert slapd und ldap-utils "
            "(apt-get install slapd ldap-utils)."
        )
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ldif() -> str:
    parts = [
        f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\n"
        "o: Bildungsbuero\ndc: bildungsbuero\n",
        f"dn: ou=people,{BASE}\nobjectClass: organizationalUnit\nou: people\n",
        f"dn: ou=groups,{BASE}\nobjectClass: organizationalUnit\nou: groups\n",
    ]
    for uid, (name, password, _groups) in PEOPLE.items():
        parts.append(
            f"dn: {person_dn(uid)}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {name}\n"
            f"sn: {name.split()[-1]}\ndisplayName: {name}\nuserPassword: {password}\n"
        )
    for cn in GROUPS:
        members = [person_dn(u) for u, (_n, _p, gs) in PEOPLE.items() if cn in gs]
        lines = "".join(f"member: {m}\n" for m in members or [ROOT_DN])
        parts.append(f"dn: {group_dn(cn)}\nobjectClass: groupOfNames\ncn: {cn}\n{lines}")
    return "\n".join(parts)


@dataclass
class Slapd:
    url: str

    def modify(self, ldif: str) -> None:
        """Change the directory as its administrators would (``ldapmodify``)."""
        subprocess.run(
            [_binary("ldapmodify"), "-x", "-H", self.url, "-D", ROOT_DN, "-w", ROOT_PW],
            input=ldif,
            text=True,
            check=True,
            capture_output=True,
        )


@pytest.fixture(scope="session")
def slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    folder: Path = tmp_path_factory.mktemp("slapd")
    (folder / "db").mkdir()
    includes = "".join(f"include /etc/ldap/schema/{s}.schema\n" for s in SCHEMAS)
    (folder / "slapd.conf").write_text(
        f"{includes}pidfile {folder}/slapd.pid\nmodulepath /usr/lib/ldap\nmoduleload back_mdb\n"
        f'database mdb\nmaxsize 10485760\nsuffix "{BASE}"\nrootdn "{ROOT_DN}"\n'
        f"rootpw {ROOT_PW}\ndirectory {folder}/db\n"
        "access to attrs=userPassword by anonymous auth by * none\n"
        "access to * by users read by * none\n"
    )
    url = f"ldap://127.0.0.1:{_free_port()}"
    log = (folder / "slapd.log").open("w")
    proc = subprocess.Popen(
        [_binary("slapd"), "-f", str(folder / "slapd.conf"), "-h", f"{url}/", "-d", "0"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            add = subprocess.run(
                [_binary("ldapadd"), "-x", "-H", url, "-D", ROOT_DN, "-w", ROOT_PW],
                input=_ldif(),
                text=True,
                capture_output=True,
            )
            if add.returncode == 0:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"slapd startet nicht: {add.stderr}\n{(folder / 'slapd.log').read_text()}"
                )
            time.sleep(0.2)
        yield Slapd(url=url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
