"""Only the write path (``netzwerk/graph/operations``) and the foundation write to the store.

Every change goes through one use case in one managed transaction with its history
(docs/DEVELOPMENT.md, "The write path"). This test reads the source (AST, no database) and
fails when a module elsewhere runs a named write query (``<x>.write("area/name", …)``), opens
a transaction (``.transaction(…)``) or reaches the driver's write calls. Helpers that take a
running transaction (``tx.run``) are allowed everywhere: they are called by the write path.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "netzwerk"
QUERIES = {
    p.relative_to(ROOT / "cypher").with_suffix("").as_posix()
    for p in (ROOT / "cypher").rglob("*.cypher")
}
WRITERS = ("netzwerk/graph/operations/", "netzwerk/graph/core/")
DRIVER_WRITES = {"transaction", "execute_write", "execute_query", "write_transaction"}

TEMPORARY = {
    # Account changes are use cases in operations/accounts.py; what still writes here is
    # create_user/delete_user/create_token (used by the seed, the CLI and tests) and the
    # login's bookkeeping (a TOTP step used, the session nonce, a token's last use).
    "netzwerk/graph/admin/users.py",
    # The surveys (reworked beside this rule) still write here; they move to
    # operations/surveys.py.
    "netzwerk/graph/surveys/lifecycle.py",
    "netzwerk/graph/surveys/mail.py",
    "netzwerk/graph/surveys/respondent.py",
    # The double opt-in of consent given for someone else landed beside this rule; its two
    # writes move into operations/consent.py.
    "netzwerk/graph/personal/confirmation.py",
}
"""Modules still allowed to write outside the write path. The list only shrinks: a module
that no longer writes must leave it (the last test says so)."""


def _receiver(node: ast.expr) -> str:
    return ast.unparse(node).lower()


def _writes(tree: ast.AST) -> list[str]:
    """``line: call`` for every store write in a module's syntax tree."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, receiver = node.func.attr, _receiver(node.func.value)
        first = node.args[0] if node.args else None
        named_query = (
            isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and first.value in QUERIES
        )
        read_only = any(
            k.arg == "write" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        )
        if read_only:
            continue  # store.transaction(work, write=False): a read transaction
        if name in DRIVER_WRITES or (name == "write" and (named_query or "store" in receiver)):
            found.append(f"{node.lineno}: {ast.unparse(node.func)}(…)")
    return found


def _modules() -> dict[str, list[str]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(WRITERS):
            continue
        writes = _writes(ast.parse(path.read_text(encoding="utf-8"), filename=rel))
        if writes:
            out[rel] = writes
    return out


def test_the_detector_sees_a_store_write_and_ignores_a_file_write() -> None:
    source = """
store.write("views/create", id=1)
st.write("views/delete", id=2)
get_store().transaction(lambda tx: tx.run("views/delete", id=3))
self.store.write(name, **params)
store.transaction(lambda tx: tx.run("views/get", id=5), write=False)
backup.write(get_store(), fh)
fh.write("text")
tx.run("views/delete", id=4)
"""
    lines = [w.split(":")[0] for w in _writes(ast.parse(source))]
    assert lines == ["2", "3", "4", "5"]


def test_only_the_write_path_and_the_foundation_write() -> None:
    outside = {m: w for m, w in _modules().items() if m not in TEMPORARY}
    assert outside == {}, (
        "Writes belong in a use case of netzwerk/graph/operations/ (one managed transaction "
        f"with its history); found: {outside}"
    )


def test_the_temporary_allowance_only_shrinks() -> None:
    still_writing = set(_modules())
    done = sorted(TEMPORARY - still_writing)
    assert done == [], f"These modules no longer write: remove them from TEMPORARY: {done}"
