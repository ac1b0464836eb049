"""XLSX bombs against the import upload: refused in under 2 s, memory growing < 100 MB.

Each file is posted to ``/import`` through the real app (editor login, CSRF, multipart),
in a fresh child process per file; a thread samples the process's resident size every 2 ms
during the request, and the figure is the highest sample minus the size just before it. A
real 5,000-row workbook is measured the same way for comparison. Before the fix the 1.8 kB
dimension bomb took 30–44 s and 2 GB, the 2.2 MB shared-strings bomb 1.5 GB.

Run: ``NETZWERK_INSTANCE=bench python -m bench upload_bomb`` (creates and removes one
account in that instance).
"""

from __future__ import annotations

import io
import json
import multiprocessing as mp
import os
import sys
import threading
import time
from pathlib import Path

from bench._report import machine, write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.xlsx_craft builds the hostile files

USER, PASSWORD = "bench-bomb", "bench-Passwort-1"


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _files() -> dict[str, bytes]:
    import openpyxl

    from tests import xlsx_craft

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "Art", "PLZ", "Ort", "E-Mail"])
    for i in range(5000):
        ws.append([f"Einrichtung {i}", "Schule", "54290", "Trier", f"info{i}@beispiel.de"])
    real = io.BytesIO()
    wb.save(real)
    return {
        "dimension bomb (A1:XFD15000)": xlsx_craft.dimension_bomb(),
        "shared strings bomb (1 GB inflated)": xlsx_craft.strings_bomb(1024),
        "part lying about its size": xlsx_craft.lying_sizes(
            xlsx_craft.strings_bomb(50), "xl/sharedStrings.xml", 1000
        ),
        "sparse rows to column XFD (15,000 rows)": xlsx_craft.sparse_bomb(15_000),
        "billion laughs": xlsx_craft.billion_laughs(),
        "real workbook, 5,000 rows": real.getvalue(),
    }


def _measure(data: bytes, out: mp.Queue) -> None:  # type: ignore[type-arg]
    import re

    from netzwerk import graph
    from netzwerk.web import create_app

    store = graph.connect()
    app = create_app({"STORE": store, "SECRET_KEY": "bench", "SPOOL_DIR": "/tmp/netzwerk-bench"})
    client = app.test_client()
    page = client.get("/anmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post("/anmelden", data={"username": USER, "password": PASSWORD, "csrf_token": token})
    page = client.get("/import").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.get("/import")  # warm: templates compiled, imports done
    before = _rss_mb()
    peak = [before]
    running = threading.Event()
    running.set()

    def sample() -> None:  # resident size every 2 ms while the request runs
        while running.is_set():
            peak[0] = max(peak[0], _rss_mb())
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    resp = client.post(
        "/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), "liste.xlsx")},
        content_type="multipart/form-data",
    )
    seconds = time.perf_counter() - started
    running.clear()
    sampler.join()
    text = resp.get_data(as_text=True)
    message = re.search(r'class="flash flash-error"[^>]*>([^<]+)<', text)
    out.put(
        {
            "status": resp.status_code,
            "seconds": seconds,
            "growth_mb": max(peak[0], _rss_mb()) - before,
            "message": (message.group(1) if message else "")[:90],
        }
    )
    store.close()


def main() -> None:
    from netzwerk import graph
    from netzwerk.graph.admin import users

    with graph.connect() as store:
        if users.find_user(store, USER) is None:
            users.create_user(store, USER, PASSWORD, role="editor")
        try:
            files = _files()
            rows = []
            ctx = mp.get_context("spawn")
            for name, data in files.items():
                queue = ctx.Queue()
                proc = ctx.Process(target=_measure, args=(data, queue))
                proc.start()
                result = queue.get(timeout=600)
                proc.join()
                rows.append((name, len(data), result))
                print(name, json.dumps(result, ensure_ascii=False), flush=True)
        finally:
            account = users.find_user(store, USER)
            if account is not None:
                users.delete_user(store, account.id)
    load = os.getloadavg()
    lines = [
        "## Upload bombs",
        "",
        f"Machine: {machine()}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}.",
        "",
        "Each file posted to `/import` as an editor through the whole app, one fresh process",
        "per file; memory is the highest resident size sampled every 2 ms during the request",
        "minus the size just before it.",
        "Target: a bomb is refused in under 2 s with less than 100 MB growth.",
        "",
        "| file | size | answer | time | memory growth | message (start) |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, size, r in rows:
        lines.append(
            f"| {name} | {size / 1024:,.1f} kB | {r['status']} | {r['seconds']:.2f} s | "
            f"{r['growth_mb']:.0f} MB | {r['message']} |"
        )
    lines += [
        "",
        "The sparse file is no bomb once rows are read only to column 101: it is accepted",
        "(302 to the mapping step) with its first column. Billion laughs is stopped by the XML",
        "parser's amplification limit (expat), after about 70 MB.",
        "",
        "Before the fix: the 1.8 kB dimension bomb took 44 s and 2.0 GB peak in the reader alone",
        "(measured on this machine while writing the fix; the review saw 30 s and 2 GB), the",
        "shared-strings bomb 1.5 GB that was never given back (review).",
    ]
    write_section("upload_bomb", "\n".join(lines))


if __name__ == "__main__":
    main()
