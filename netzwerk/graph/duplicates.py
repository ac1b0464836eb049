"""Duplicate warning for actors: does a new name resemble one already stored?

Offices record the same partner twice all the time ("VHS Trier" and "Volkshochschule Trier
e.V."), and a duplicate splits the network picture. Names are normalised (case, accents,
legal forms, filler words, common abbreviations) and compared two ways – difflib's ratio for
typos and word overlap for reordered or shortened names; an identical e-mail address or
website host counts as strong evidence on its own. Candidates come from the full-text index,
so the check stays fast with tens of thousands of actors.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from netzwerk.graph.codec import from_store
from netzwerk.graph.model import Actor
from netzwerk.graph.search import fold, lucene_query
from netzwerk.graph.store import Store

THRESHOLD = 0.72
LEGAL_FORMS = {
    "ev",
    "e",
    "v",
    "gmbh",
    "ggmbh",
    "ag",
    "kg",
    "ug",
    "eg",
    "mbh",
    "gbr",
    "aor",
    "kdor",
}
FILLER = {"der", "die", "das", "des", "und", "fur", "fuer", "in", "im", "am", "an", "zu", "von"}
ABBREVIATIONS = {
    "vhs": "volkshochschule",
    "kvhs": "kreisvolkshochschule",
    "igs": "integrierte gesamtschule",
    "bbs": "berufsbildende schule",
    "hwk": "handwerkskammer",
    "ihk": "industrie handelskammer",
    "hs": "hochschule",
    "uni": "universitat",
    "kita": "kindertagesstatte",
    "gs": "grundschule",
}


GENERIC = {
    "kindertagesstatte",
    "kita",
    "grundschule",
    "schule",
    "gymnasium",
    "realschule",
    "plus",
    "integrierte",
    "gesamtschule",
    "berufsbildende",
    "forderschule",
    "volkshochschule",
    "kreisvolkshochschule",
    "hochschule",
    "universitat",
    "bibliothek",
    "stadtbibliothek",
    "jobcenter",
    "verein",
    "verband",
    "ortsverband",
    "kreisverband",
    "st",
    "sankt",
    "stadt",
    "kreis",
    "landkreis",
    "zentrum",
    "haus",
}


def normalise(name: str) -> str:
    """Comparable form of an organisation name: folded, expanded, without legal form."""
    text = fold(name or "").replace("e.v.", " ev ").replace("&", " und ")
    words = re.findall(r"[a-z0-9]+", text)
    out: list[str] = []
    for w in words:
        if w in LEGAL_FORMS or w in FILLER:
            continue
        out += ABBREVIATIONS.get(w, w).split()
    return " ".join(out)


def similarity(a: str, b: str) -> float:
    """0..1: how alike two organisation names are after :func:`normalise`."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    ratio = difflib.SequenceMatcher(None, na, nb).ratio()
    ta, tb = set(na.split()), set(nb.split())
    overlap = len(ta & tb) / min(len(ta), len(tb))  # "VHS Trier" within a longer name
    jaccard = len(ta & tb) / len(ta | tb)
    score = max(ratio, 0.5 * overlap + 0.5 * jaccard)
    # "Grundschule Ehrang" and "Grundschule Feyen" share only the generic part: what tells
    # them apart is the rest, so if that differs clearly they are not the same organisation.
    da, db = (
        " ".join(w for w in na.split() if w not in GENERIC),
        " ".join(w for w in nb.split() if w not in GENERIC),
    )
    disjoint = bool(da and db) and not (set(da.split()) & set(db.split()))
    if disjoint and difflib.SequenceMatcher(None, da, db).ratio() < 0.8:
        score *= 0.6
    return score


def website_host(url: str) -> str:
    """``https://www.vhs-trier.de/kurse`` → ``vhs-trier.de`` (empty if none)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").lower()
    except ValueError:  # e.g. an unclosed "[" (IPv6 syntax) in typed or hostile input
        return ""
    return host.removeprefix("www.")


@dataclass
class Candidate:
    """A stored actor that may be the same organisation, with the reasons in words."""

    actor: Actor
    score: float
    reasons: list[str] = field(default_factory=list)


def find_similar(
    store: Store,
    name: str,
    *,
    email: str = "",
    website: str = "",
    exclude: str | None = None,
    limit: int = 5,
) -> list[Candidate]:
    """Stored actors that look like the one described, most alike first."""
    q = lucene_query(normalise(name) or name, any_term=True)
    host = website_host(website)
    rows = store.read(
        "records/similar",
        q=q,
        email=(email or "").strip() or None,
        website=host or None,
        exclude=exclude,
        limit=200,
    )
    out: list[Candidate] = []
    for row in rows:
        actor = from_store(Actor, row["node"])
        reasons: list[str] = []
        score = max(similarity(name, actor.name), similarity(name, actor.short_name) * 0.95)
        if score >= THRESHOLD:
            reasons.append(f"ähnlicher Name ({round(score * 100)} %)")
        if email and actor.email and actor.email.lower() == email.strip().lower():
            reasons.append("gleiche E-Mail-Adresse")
            score = max(score, 0.95)
        if host and website_host(actor.website) == host:
            reasons.append("gleiche Webseite")
            score = max(score, 0.95)
        if reasons:
            out.append(Candidate(actor=actor, score=score, reasons=reasons))
    out.sort(key=lambda c: (-c.score, c.actor.name))
    return out[:limit]
