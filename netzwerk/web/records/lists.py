"""Record lists: search, filters, sorting, paging."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from netzwerk.graph.core import model
from netzwerk.graph.network import snapshot
from netzwerk.graph.network.choices import filter_choices
from netzwerk.graph.records import search
from netzwerk.web import paging
from netzwerk.web.auth import can_see_contacts, require_role
from netzwerk.web.extensions import get_store
from netzwerk.web.kinds import Kind
from netzwerk.web.records.blueprint import MAIN_RULE, PAGE_SIZES, VOCAB_RULE, bp, kind_of


def _filter_options(kind: Kind) -> dict[str, list[tuple[str, str]]]:
    """Choices of the filter selects: the one builder's, plus the project status."""
    shared = filter_choices(snapshot.vocabulary(get_store())).by_param()
    statuses = [(s, s) for s in model.PROJECT_STATUSES]
    return {name: statuses if name == "status" else shared[name] for name in kind.filters}


FILTER_TITLES = {
    "kind": _l("Art"),
    "status": _l("Status"),
    "topic": _l("Thema"),
    "stage": _l("Bildungsstufe"),
    "target_group": _l("Zielgruppe"),
    "region": _l("Region"),
    "alliance": _l("Bündnis"),
}


@bp.get(MAIN_RULE)
@bp.get(VOCAB_RULE)
@require_role("viewer")
def index(slug: str) -> ResponseReturnValue:
    kind = kind_of(slug)
    args = request.args
    filters = search.Filters(q=(args.get("q") or "").strip()[:200] or None)
    for name in kind.filters:
        setattr(filters, name, (args.get(name) or "").strip()[:128] or None)
    size = paging.int_arg(args, "n", PAGE_SIZES[0], 1, 100)
    pager = paging.Pager.from_args(args, kind.url(), size=size)
    sort = args.get("sort") or ""
    allowed = search.SORT_FIELDS[kind.label]
    if sort not in allowed:
        sort = ""
    descending = args.get("richtung") == "ab"
    page = search.search(
        get_store(),
        kind.cls,
        filters,
        order_by=sort or None,
        descending=descending,
        skip=pager.skip,
        limit=size,
        contacts=can_see_contacts(),
    )
    pager.total = page.total

    return render_template(
        "records/list.html",
        kind=kind,
        page=page,
        filters=filters,
        options=_filter_options(kind),
        filter_titles=FILTER_TITLES,
        sort=sort,
        sort_fields=allowed,
        descending=descending,
        size=size,
        pager=pager,
        show_contacts=can_see_contacts(),
    )
