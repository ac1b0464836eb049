"""Hypothesis strategies for *valid* records of every kind and links of every type.

Each field gets values of its declared type, including hostile strings (they are valid
text and must be stored verbatim) and edge dates, so a round trip through the store, the
trash, a backup or an export meets every field type the model has. Records are cleaned by
the validators the way the write path cleans them, so "what came back" can be compared
with "what was stored" field by field.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from netzwerk import graph
from netzwerk.graph.core import codec, model, validation
from netzwerk.graph.core.fields import field_table
from tests.conftest import HOSTILE_STRINGS

TODAY = date.today()
EDGE_DATES = [
    date(1, 1, 1),
    date(1900, 1, 1),
    date(1970, 1, 1),
    date(2000, 2, 29),
    date(2019, 10, 30),
    TODAY,
]
_plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Zl", "Zp")),
    min_size=1,
    max_size=40,
)
text = st.one_of(_plain_text, st.sampled_from(HOSTILE_STRINGS))
optional_text = st.one_of(st.just(""), text)
past_dates = st.one_of(
    st.sampled_from(EDGE_DATES), st.dates(min_value=date(1, 1, 1), max_value=TODAY)
)
any_dates = st.one_of(
    st.sampled_from([*EDGE_DATES, date(9999, 12, 31)]),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
emails = st.one_of(
    st.just(""),
    st.sampled_from(
        ["gerda.geheim@beispiel-schule.de", "o'brien+vhs@example.org", "ä.ö@bücher.example"]
    ),
    st.from_regex(r"\A[a-z0-9._%+\-]{1,20}@[a-z0-9\-]{1,15}\.(de|org|com)\Z"),
)
phones = st.one_of(st.just(""), st.from_regex(r"\A\+?[0-9][0-9 ()/.\-]{2,30}\Z"))
websites = st.one_of(
    st.just(""), st.from_regex(r"\Ahttps?://[a-z0-9\-]{1,20}\.(de|org)(/[a-z]{0,8})?\Z")
)
postcodes = st.one_of(st.just(""), st.from_regex(r"\A\d{5}\Z"), st.just("L-6630"))

FIELDS: dict[str, st.SearchStrategy[object]] = {
    "email": emails,
    "phone": phones,
    "website": websites,
    "postcode": postcodes,
    "sponsorship": st.sampled_from(("", *model.SPONSORSHIPS)),
    "status": st.sampled_from(model.PROJECT_STATUSES),
    "legal_basis": st.sampled_from(("", *model.LEGAL_BASES)),
    "salutation": st.sampled_from(("", *model.SALUTATIONS)),
    "order": st.integers(min_value=1, max_value=99),
    "founded": st.one_of(st.none(), past_dates),
    "consent_newsletter_date": st.one_of(st.none(), past_dates),
    "consent_contact_date": st.one_of(st.none(), past_dates),
    "ags": st.one_of(st.just(""), st.from_regex(r"\A\d{2,12}\Z")),
    "year": st.integers(min_value=1900, max_value=2100),
    "quality": st.sampled_from(("", *model.QUALITY_MARKERS)),
}
FIELDS["consent_contact_source"] = FIELDS["consent_newsletter_source"] = st.one_of(
    st.just(""), st.sampled_from([h for h in HOSTILE_STRINGS if len(h) <= 500]), _plain_text
)
REQUIRED = {"name", "last_name", "region", "measure", "label"}


def _field(cls: type, name: str, kind: str) -> st.SearchStrategy[object]:
    if name in FIELDS:
        return FIELDS[name]
    if name == "kind":
        return st.sampled_from(model.ACTOR_KINDS if cls is graph.Actor else model.REGION_KINDS)
    if kind == "date":
        return st.one_of(st.none(), any_dates)
    if kind == "bool":
        return st.booleans()
    if kind == "int":
        return st.integers(min_value=-(2**63), max_value=2**63 - 1)
    if kind == "float":
        return st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))
    return text if name in REQUIRED else optional_text


@st.composite
def records(draw: st.DrawFn, cls: type[graph.Node]) -> graph.Node:
    """A valid record of ``cls`` (cleaned as the write path cleans it), without an id."""
    values: dict[str, Any] = {}
    for name, kind in codec.field_kinds(cls).items():
        if name in model.Node.META:
            continue
        values[name] = draw(_field(cls, name, kind), label=name)
    if cls is graph.Person:
        for purpose in ("newsletter", "contact"):
            if values[f"consent_{purpose}"] and values[f"consent_{purpose}_date"] is None:
                values[f"consent_{purpose}_date"] = draw(past_dates)
    if (
        cls is graph.Project
        and values["start"]
        and values["end"]
        and values["end"] < values["start"]
    ):
        values["start"], values["end"] = values["end"], values["start"]
    try:
        return validation.validate_node(cls(**values))
    except graph.ValidationError:
        assume(False)
        raise


@st.composite
def link_fields(draw: st.DrawFn, type_name: str) -> dict[str, Any]:
    """Field values of a valid link of ``type_name`` (ends left to the caller)."""
    spec = graph.LINK_TYPES[type_name]
    out: dict[str, Any] = {}
    for name in spec.fields:
        if name == "kind":
            out[name] = draw(st.sampled_from(model.COOPERATION_KINDS))
        elif name in ("intensity", "value", "trust"):  # numbered scales of the model
            choices = field_table(graph.Link)[name].choices
            out[name] = draw(st.sampled_from([None, *choices]))
        elif name in ("since", "until"):
            out[name] = draw(st.one_of(st.none(), any_dates))
        else:
            out[name] = draw(optional_text)
    since, until = out.get("since"), out.get("until")
    if since and until and until < since:
        out["since"], out["until"] = until, since
    return out


def comparable(obj: Any) -> dict[str, object]:
    """A record's or link's fields without ``updated``/``version`` and display names."""
    data = dataclasses.asdict(obj)
    for key in ("updated", "version", "from_name", "to_name"):
        data.pop(key, None)
    return data
