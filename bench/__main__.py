"""Run benchmarks: `python -m bench` runs all, `python -m bench NAME [NAME…]` some.

A benchmark is a module ``bench/NAME.py`` with a ``main()`` function. Options (``--…``)
after the names are left in ``sys.argv`` for the benchmarks that read them, e.g.
``python -m bench organisations --scale 4x500``.
"""

from __future__ import annotations

import importlib
import sys
import time
from itertools import takewhile
from pathlib import Path


def available() -> list[str]:
    here = Path(__file__).parent
    return sorted(p.stem for p in here.glob("*.py") if not p.stem.startswith("_"))


def run(names: list[str]) -> None:
    for name in names:
        if name not in available():
            sys.exit(f"Unbekannter Benchmark {name!r}; vorhanden: {', '.join(available())}")
    for name in names:
        started = time.perf_counter()
        print(f"== bench {name}", flush=True)
        importlib.import_module(f"bench.{name}").main()
        print(f"== bench {name}: {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    names = list(takewhile(lambda arg: not arg.startswith("-"), sys.argv[1:]))
    run(names or available())
