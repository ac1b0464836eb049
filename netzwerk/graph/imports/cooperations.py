"""A cooperation list: two stored actors per row, the kind of cooperation, and its details.

Both actors must be stored and named unambiguously. A cooperation is stored once per pair
(whichever order the file names them), so a second row for the same pair is a duplicate;
a stored cooperation gets the file's non-empty fields.
"""

from __future__ import annotations

from netzwerk.graph.core.errors import ValidationError
from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.model import INTENSITIES, Link
from netzwerk.graph.core.validation import validate_link
from netzwerk.graph.core.values import canonical, fold
from netzwerk.graph.imports import cells
from netzwerk.graph.imports.context import Context
from netzwerk.graph.imports.plan import RowResult

_FIELDS = ("kind", "intensity", "since", "until", "source", "note")


def intensity(raw: str, row: RowResult) -> int | None:
    """1–3 or lose/regelmäßig/eng."""
    raw = raw.strip()
    if not raw:
        return None
    names = {fold(t): k for k, t in INTENSITIES.items()}
    value = int(raw) if raw.isdigit() else names.get(fold(raw))
    if value not in INTENSITIES:
        row.error("intensity", N_("muss 1 (lose), 2 (regelmäßig) oder 3 (eng) sein"))
        return None
    return value


def plan_row(ctx: Context, row: RowResult, v: dict[str, str]) -> None:
    row.name = f"{v.get('from_actor', '')} – {v.get('to_actor', '')}"
    ends = []
    for f in ("from_actor", "to_actor"):
        name = v.get(f, "")
        a, why = ctx.actors.lookup(name) if name else (None, N_("ist ein Pflichtfeld"))
        if a is None:
            row.error(f, why)
        ends.append(a)
    kind = ""
    if v.get("cooperation_kind"):
        kind, _ = ctx.vocab.take("cooperation_kind", v["cooperation_kind"])
        if not kind:
            row.error(
                "cooperation_kind",
                Said(
                    N_(
                        "„%(value)s“ ist keine bekannte Art der Kooperation – "
                        "bitte im Schritt „Werte zuordnen“ einer Art zuordnen"
                    ),
                    value=v["cooperation_kind"][:80],
                ),
            )
    level = intensity(v.get("intensity", ""), row)
    since = cells.parse_day(v.get("since", ""), "since", row.errors)
    until = cells.parse_day(v.get("until", ""), "until", row.errors)
    if row.errors or ends[0] is None or ends[1] is None:
        row.action = "error"
        return
    link = Link(
        type="COOPERATES_WITH",
        from_id=ends[0].id,
        to_id=ends[1].id,
        kind=kind,
        intensity=level,
        since=since,
        until=until,
        source=v.get("source", ""),
        note=v.get("note", ""),
    )
    try:
        link = canonical(validate_link(link))
    except ValidationError as exc:
        row.errors.update(exc.by_field())
        row.action = "error"
        return
    if not ctx.linker.want(
        row,
        link,
        ("Actor", "Actor"),
        name=row.name,
        fields=_FIELDS,
        stored_ends=ends[0].id in ctx.actors.stored and ends[1].id in ctx.actors.stored,
    ):
        row.action = "duplicate"
        row.duplicate_of = ctx.seen["pair:" + link.from_id + "|" + link.to_id][1]
        return
    ctx.seen["pair:" + link.from_id + "|" + link.to_id] = (link.id, row.number)
