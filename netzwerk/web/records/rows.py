"""The links of a record as a detail page groups them (sections and chips)."""

from __future__ import annotations

import dataclasses
from typing import Any

from netzwerk import graph
from netzwerk.graph.core import codec
from netzwerk.graph.records import visibility
from netzwerk.web.auth import can_see_contacts
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import Kind, Section, record_url


@dataclasses.dataclass
class LinkRow:
    link: graph.Link
    other: dict[str, Any]
    other_label: str
    direction: str

    @property
    def other_url(self) -> str:
        return record_url(self.other_label, self.other.get("id", ""))

    @property
    def other_name(self) -> str:
        o = self.other
        if self.other_label == "Person":
            return " ".join(
                p for p in (o.get("title"), o.get("first_name"), o.get("last_name")) if p
            )
        return o.get("name") or o.get("id", "")


def _as_is(link: graph.Link) -> graph.Link:
    return link


def link_rows(kind: Kind, node_id: str) -> list[LinkRow]:
    """The record's links; free-text notes masked for readers without the contacts grant."""
    rows = get_store().read(
        "records/links",
        {"label": kind.label},
        id=node_id,
        types=list(graph.LINK_TYPES),
        reader=visibility.reader(),
    )
    mask = visibility.mask_link if not can_see_contacts() else _as_is
    return [
        LinkRow(
            link=mask(codec.link_from_row(r)),
            other=r["other"],
            other_label=r["other_label"],
            direction=r["direction"],
        )
        for r in rows
    ]


CHIP_TYPES = ("WORKS_ON", "COVERS", "SERVES", "LOCATED_IN", "ACTIVE_IN")


def grouped(kind: Kind, rows: list[LinkRow]) -> list[tuple[Section, list[LinkRow]]]:
    out = []
    for section in kind.sections:
        members = [
            r
            for r in rows
            if r.link.type == section.type
            and (section.direction == "any" or r.direction == section.direction)
            and r.other_label in section.others
        ]
        out.append((section, members))
    return out
