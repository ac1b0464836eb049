"""Pictures for print and the first paint with labels.

Synthetic cooperation networks of 1,000 and 5,000 actors (``bench.network_render``):

* **SVG / PDF export**: ``netzwerk.graph.pictures.vector`` draws the laid-out picture with
  title, legend, caption and source line (ReportLab), A4 and A3 landscape; median of 3.
* **first paint, labels on**: headless Chromium opens a page with vis-network and the
  picture's scripts (``network-labels.js``, ``network-explore.js``, ``network.js``) and the
  data; time from navigation start until the first frame with its labels is drawn, the
  number of labels that fit without overlap, and the overlaps counted (must be 0).

Run: ``python -m bench picture_export`` (no database needed).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench._report import machine, write_section
from bench.network_render import STATIC, _browser, _wait, fmt, ours, synthetic
from netzwerk.graph.pictures import vector

SIZES = (1_000, 5_000)
CAP_S = 60.0
WORDS = vector.Captions(
    "Kooperationsnetz",
    "ganze Region, alle Akteure · Stand am 01.05.2025",
    "Quelle: netzwerk, Kooperationsdaten des Bildungsbüros",
)


def export(payload: dict, render, paper: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    times, size = [], 0
    for _ in range(3):
        started = time.perf_counter()
        size = len(render(payload, WORDS, paper))
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def first_paint(tmp: Path, payload: dict) -> tuple[float | None, int, int]:
    data = json.dumps(payload).replace("<", "\\u003c")
    scripts = "".join(
        f'<script src="{STATIC}/js/{name}.js"></script>'
        for name in ("network-labels", "network-explore", "network")
    )
    html = f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{STATIC}/vendor/vis-network/vis-network.css">
<link rel="stylesheet" href="{STATIC}/css/network.css"></head>
<body class="nw-standalone"><div class="nw-stage"><div id="network" class="nw-canvas"
data-actors="Akteure" data-links="Verbindungen"></div><div class="nw-side">
<aside id="network-panel" hidden></aside><aside id="network-legend"></aside></div></div>
<script type="application/json" id="network-data">{data}</script>
<script src="{STATIC}/vendor/vis-network/vis-network.min.js"></script>{scripts}</body></html>"""
    page = tmp / "labels.html"
    page.write_text(html, encoding="utf-8")
    drv = _browser()
    try:
        drv.get(page.as_uri())
        ready = _wait(
            drv, "window.netzwerkBild && netzwerkBild.labels && netzwerkBild.readyAt", CAP_S
        )
        labels = drv.execute_script("return netzwerkBild.labels.length") if ready else 0
        overlaps = drv.execute_script("return netzwerkBild.labelOverlaps()") if ready else -1
        return ready, labels, overlaps
    finally:
        drv.quit()


def main() -> None:
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    rows = []
    try:
        for n in SIZES:
            g = synthetic(n)
            payload, _, _ = ours(g)
            payload.pop("_bytes", None)
            row = {"n": n, "m": g.number_of_edges()}
            row["svg"], row["svg_kb"] = export(payload, vector.to_svg, "A4")
            row["pdf4"], row["pdf4_kb"] = export(payload, vector.to_pdf, "A4")
            row["pdf3"], row["pdf3_kb"] = export(payload, vector.to_pdf, "A3")
            row["paint"], row["labels"], row["overlaps"] = first_paint(tmp, payload)
            print(row, flush=True)
            rows.append(row)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines = [
        "## Pictures for print and first paint with labels (`bench/picture_export.py`)",
        "",
        f"Machine: {machine()}; load average during the run {load_before:.1f} → "
        f"{os.getloadavg()[0]:.1f} (the 2 cores are shared; compare the ratios). Synthetic "
        "networks as in the picture benchmark. Export = ReportLab drawing of the laid-out "
        "picture with title, caption, legend and source line, median of 3 (layout not "
        "included: it is cached per filter). First paint = headless Chromium 1400×1000, "
        "navigation start until the first frame with its labels (vis-network plus "
        "`network-labels.js`); labels = how many fit without overlap at the fitted zoom.",
        "",
        "| actors | links | SVG | SVG size | PDF A4 | PDF A4 size | PDF A3 | PDF A3 size "
        "| first paint, labels on | labels drawn | overlapping labels |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['m']:,} | {fmt(r['svg'])} | {r['svg_kb'] / 1e6:.1f} MB "
            f"| {fmt(r['pdf4'])} | {r['pdf4_kb'] / 1e6:.2f} MB | {fmt(r['pdf3'])} "
            f"| {r['pdf3_kb'] / 1e6:.2f} MB | {fmt(r['paint'], '> 60 s')} | {r['labels']} "
            f"| {r['overlaps']} |"
        )
    big = rows[-1]
    small = rows[0]
    lines += [
        "",
        f"Ratio {big['n'] // 1000}k/{small['n'] // 1000}k: SVG {big['svg'] / small['svg']:.1f}×, "
        f"PDF A4 {big['pdf4'] / small['pdf4']:.1f}× for {big['n'] / small['n']:.0f}× the actors. "
        "Labels: the most important actors first, each beside its node where it overlaps no "
        "other label and stays inside the canvas; zooming in shows more.",
    ]
    write_section("picture_export", "\n".join(lines))
