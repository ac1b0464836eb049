"""Network pictures: build time and page-ready time, netzwerk vs pyvis defaults.

Synthetic cooperation networks (regional communities of 30–250 actors, 5 links per actor,
80 % inside the community) of 1k/5k/20k/50k actors. For each size:

* **netzwerk build**: server-side layout (``netzwerk.graph.pictures.layout.compute_layout``) and the
  picture JSON (``pictures.actor_picture``) — what ``/netzwerk/daten.json?alle=1`` does on a
  cache miss; a cache hit costs only the JSON.
* **netzwerk page-ready**: headless Chromium opens an offline page with vis-network, our
  ``network.js`` and the data; time from navigation start until the first frame is drawn
  (``afterDrawing`` with fixed positions, physics off — the picture is then still).
* **pyvis default build**: ``Network().from_nx(g)`` + ``generate_html()`` with pyvis'
  defaults (physics on, vis-network from the remote CDN — such a file cannot load offline).
* **pyvis default page-ready**: the same with ``cdn_resources="in_line"`` (so it loads
  offline), time until vis-network's physics stabilisation is done, capped at 60 s.

pyvis' ``from_nx``/``add_edge`` check duplicates in lists (quadratic), so its build is only
measured up to 5k actors; page-ready of the largest sizes is skipped where noted.
Run: ``python -m bench network_render`` (no database needed).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

from bench._report import machine, write_section
from netzwerk.graph import pictures
from netzwerk.graph.core.model import ACTOR_KINDS, COOPERATION_KINDS
from netzwerk.graph.network.snapshot import Vocabulary
from netzwerk.graph.pictures import layout

SIZES = (1_000, 5_000, 20_000, 50_000)
PYVIS_BUILD_MAX = 5_000
PAGE_MAX = 20_000
PYVIS_PAGE_MAX = 5_000
CAP_S = 60.0
STATIC = Path(__file__).resolve().parents[1] / "netzwerk" / "web" / "static"


def synthetic(n: int, seed: int = 1) -> nx.Graph:
    """Communities of 30–250 actors, ~5 links per actor, 80 % of them inside."""
    rng = np.random.default_rng(seed)
    sizes, total = [], 0
    while total < n:
        k = int(min(n - total, rng.integers(30, 250)))
        sizes.append(k)
        total += k
    starts = np.cumsum([0, *sizes[:-1]])
    community = np.repeat(np.arange(len(sizes)), sizes)
    m = 5 * n
    a = rng.integers(0, n, m)
    inside = rng.random(m) < 0.8
    size_of = np.array(sizes)[community[a]]
    b = np.where(
        inside, starts[community[a]] + rng.integers(0, 1 << 30, m) % size_of, rng.integers(0, n, m)
    )
    g = nx.Graph()
    kinds = rng.integers(0, len(ACTOR_KINDS), n)
    for i in range(n):
        g.add_node(
            f"a{i}",
            name=f"Akteur {i}",
            short_name="",
            kind=ACTOR_KINDS[kinds[i]],
            region=f"r{community[i] % 30}",
            region_name=f"Ort {community[i] % 30}",
            area="",
            topics=frozenset(),
            stages=frozenset(),
            target_groups=frozenset(),
            alliances=frozenset(),
            projects=frozenset(),
        )
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        if x != y:
            g.add_edge(
                f"a{x}",
                f"a{y}",
                id=f"c{x}-{y}",
                kind=COOPERATION_KINDS[(x + y) % 6],
                intensity=1 + (x * y) % 3,
                since=None,
                until=None,
                source="",
            )
    return g


def ours(g: nx.Graph) -> tuple[dict, float, float]:
    started = time.perf_counter()
    lay = layout.compute_layout(g)
    laid = time.perf_counter()
    payload = pictures.actor_picture(
        g,
        Vocabulary(),
        lay,
        "kind",
        "degree",
        lambda _l, i: f"/akteure/{i}",
        lambda s: s,
        None,
    )
    text = json.dumps(payload)
    done = time.perf_counter()
    payload["_bytes"] = len(text)
    return payload, laid - started, done - laid


def pyvis_build(g: nx.Graph, cdn: str) -> tuple[str, float]:
    from pyvis.network import Network

    started = time.perf_counter()
    net = Network(cdn_resources=cdn)
    plain = nx.Graph()
    plain.add_nodes_from((v, {"title": d["name"]}) for v, d in g.nodes(data=True))
    plain.add_edges_from(g.edges())
    net.from_nx(plain)
    html = net.generate_html()
    return html, time.perf_counter() - started


def _browser():  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "chromium"
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--allow-file-access-from-files",
    ):
        opts.add_argument(arg)
    drv = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "chromedriver"), options=opts
    )
    drv.set_page_load_timeout(180)
    drv.set_script_timeout(180)
    # a frozen page must not stall the benchmark for the client's default 120 s
    drv.command_executor._client_config.timeout = CAP_S
    return drv


def _wait(drv, expr: str, cap: float) -> float | None:  # type: ignore[no-untyped-def]
    """Seconds (from navigation start) the page reports, or None after ``cap`` — also when
    the page is so busy (physics running on its main thread) that it does not answer."""
    end = time.monotonic() + cap
    while time.monotonic() < end:
        try:
            value = drv.execute_script(f"return {expr}")
        except Exception:  # the driver's request timed out: the page is frozen
            return None
        if value:
            return float(value) / 1000
        time.sleep(0.05)
    return None


def our_page(drv, tmp: Path, payload: dict) -> float | None:  # type: ignore[no-untyped-def]
    data = json.dumps(payload).replace("<", "\\u003c")
    html = f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{STATIC}/vendor/vis-network/vis-network.css">
<link rel="stylesheet" href="{STATIC}/css/network.css"></head>
<body class="nw-standalone"><div class="nw-stage"><div id="network" class="nw-canvas"
data-actors="Akteure" data-links="Verbindungen"></div><aside id="network-legend"></aside></div>
<script type="application/json" id="network-data">{data}</script>
<script src="{STATIC}/vendor/vis-network/vis-network.min.js"></script>
<script src="{STATIC}/js/network.js"></script></body></html>"""
    page = tmp / "ours.html"
    page.write_text(html, encoding="utf-8")
    drv.get(page.as_uri())
    return _wait(drv, "window.netzwerkBild && netzwerkBild.ready && netzwerkBild.readyAt", CAP_S)


def pyvis_page(drv, tmp: Path, html: str) -> float | None:  # type: ignore[no-untyped-def]
    hook = (
        "<script>window.__done = 0; function __mark() { window.__done = window.__done ||"
        " performance.now(); } network.once('stabilizationIterationsDone', __mark);"
        " network.once('stabilized', __mark);</script></body>"
    )
    page = tmp / "pyvis.html"
    page.write_text(html.replace("</body>", hook), encoding="utf-8")
    drv.set_page_load_timeout(CAP_S)
    try:
        drv.get(page.as_uri())  # physics may block the page's main thread while stabilising
        return _wait(drv, "window.__done", CAP_S)
    except Exception:  # TimeoutException or the client's read timeout: frozen past the cap
        return None


def fmt(value: float | None, cap: str = "") -> str:
    if value is None:
        return cap or "–"
    return f"{value:.2f} s" if value < 10 else f"{value:.0f} s"


def main() -> None:
    load_before = os.getloadavg()[0]
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-network-"))

    def fresh(measure, *args):  # type: ignore[no-untyped-def]
        """Each page in its own browser: a page busy with physics blocks the next one."""
        drv = _browser()
        try:
            return measure(drv, tmp, *args)
        finally:
            drv.quit()

    try:
        for n in SIZES:
            g = synthetic(n)
            payload, lay_s, json_s = ours(g)
            row = {
                "n": n,
                "m": g.number_of_edges(),
                "layout": lay_s,
                "json": json_s,
                "mb": payload.pop("_bytes") / 1e6,
            }
            row["page"] = fresh(our_page, payload) if n <= PAGE_MAX else None
            if n <= PYVIS_BUILD_MAX:
                _, row["pyvis_build"] = pyvis_build(g, "remote")
                html, _ = pyvis_build(g, "in_line")
                row["pyvis_page"] = fresh(pyvis_page, html) if n <= PYVIS_PAGE_MAX else None
            print(row, flush=True)
            rows.append(row)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        "## Network pictures (`bench/network_render.py`)",
        "",
        f"Machine: {machine()}; load average during the run {load_before:.1f} → "
        f"{os.getloadavg()[0]:.1f} (the 2 cores are shared, so absolute times vary; compare "
        "the ratios). Synthetic networks, ~5 links per actor in regional "
        "communities; headless Chromium 1400×1000. *netzwerk* = server-side multilevel layout "
        "+ JSON, vis-network with fixed positions and physics off; page-ready = first frame "
        "drawn (picture still). *pyvis default* = `Network().from_nx()` + `generate_html()` "
        "with physics on; its build uses the remote CDN (that file cannot load offline), its "
        f"page-ready uses the inlined local vis-network and waits for physics stabilisation "
        f"(cap {CAP_S:.0f} s).",
        "",
        "| actors | links | netzwerk layout | netzwerk JSON | JSON size | netzwerk page-ready "
        "| pyvis default build | pyvis default page-ready | build ratio | page ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        ours_build = r["layout"] + r["json"]
        pb = r.get("pyvis_build")
        pp = r.get("pyvis_page")
        page = r.get("page")
        pp_text = fmt(pp, f"> {CAP_S:.0f} s (cap)") if "pyvis_page" in r else "not measured"
        ratio_b = f"{pb / ours_build:.1f}×" if pb else "–"
        ratio_p = f"{(pp or CAP_S) / page:.0f}×" if page and "pyvis_page" in r else "–"
        lines.append(
            f"| {r['n']:,} | {r['m']:,} | {fmt(r['layout'])} | {fmt(r['json'])} | "
            f"{r['mb']:.1f} MB | {fmt(page, 'not measured')} | "
            f"{fmt(pb, 'not measured') if pb else 'not measured (quadratic)'} | {pp_text} | "
            f"{ratio_b} | {ratio_p} |"
        )
    lines += [
        "",
        "Layouts are cached per filter and graph fingerprint, so only the first view after an "
        "edit pays the layout column; later views pay the JSON column. Above 2,000 actors the "
        "page shows an aggregated picture (regions, kinds or communities) unless the user asks "
        f"for all actors; page-ready is measured up to {PAGE_MAX:,} actors, pyvis' build up "
        f"to {PYVIS_BUILD_MAX:,} (its duplicate checks make 20k actors take minutes).",
    ]
    write_section("network_render", "\n".join(lines))


if __name__ == "__main__":
    main()
