"""One pager for every list: page numbers from the URL, bounds, skip/limit, links.

Pages count from 1 (``?seite=1``) everywhere. Whatever arrives — text, a negative number,
92233720368547759 — becomes a page between 1 and :data:`MAX_PAGE`, so ``skip`` always fits
Neo4j's 64-bit integers (a huge page number used to overflow there and answer 500).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

MAX_PAGE = 100_000
PARAM = "seite"


def int_arg(args: Mapping[str, Any], name: str, default: int, lo: int, hi: int) -> int:
    """``args[name]`` as an int within [lo, hi]; anything unreadable is ``default``."""
    raw = args.get(name)
    if raw is None or len(str(raw)) > 20:
        return default if raw is None else hi
    try:
        return min(max(int(str(raw).strip()), lo), hi)
    except ValueError:
        return default


@dataclass
class Pager:
    """Page ``number`` (from 1) of ``size`` items; ``total`` when the list knows it."""

    number: int
    size: int
    total: int | None = None
    shown: int = 0
    base: dict[str, str] = field(default_factory=dict)
    path: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, Any], path: str, *, size: int) -> Pager:
        base = {k: str(v) for k, v in args.items() if k not in (PARAM, "lang") and v}
        return cls(number=int_arg(args, PARAM, 1, 1, MAX_PAGE), size=size, base=base, path=path)

    @property
    def skip(self) -> int:
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int | None:
        return None if self.total is None else max(1, -(-self.total // self.size))

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        if self.total is not None:
            return self.number * self.size < self.total
        return self.shown >= self.size

    def url(self, number: int) -> str:
        number = min(max(1, number), MAX_PAGE)
        return self.path + "?" + urlencode({**self.base, PARAM: number})

    @property
    def prev_number(self) -> int:
        """The previous page; beyond the end it is the last page, not an empty one."""
        pages = self.pages
        return min(self.number - 1, pages) if pages else self.number - 1
