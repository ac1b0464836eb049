"""Is this organisation or person already stored? The one engine for name similarity.

Offices record the same partner twice all the time ("VHS Trier" and "Volkshochschule Trier
e.V."), and a duplicate splits the network picture. Names are normalised (folded like every
other comparison, :func:`netzwerk.graph.core.values.fold`; legal forms, filler words and common
abbreviations removed or expanded) and compared two ways – difflib's ratio for typos and word
overlap for reordered or shortened names; an identical e-mail address or website host counts
as strong evidence on its own.

Two callers use it: the record form's duplicate warning (:func:`find_similar`, candidates
from the full-text index, so it stays fast with tens of thousands of actors) and the import
(:class:`NameIndex`, every stored name in memory, because an import asks thousands of times).

References
----------
.. [1] Christen, P. (2012). *Data Matching*, ch. 4 (indexing/blocking) and ch. 5 (field
   comparison). Springer. Blocking by rare tokens before comparing pairs.
.. [2] Ratcliff, J. W., Metzener, D. E. (1988). Pattern Matching: The Gestalt Approach.
   *Dr. Dobb's Journal*, 13(7). The algorithm behind :class:`difflib.SequenceMatcher`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from netzwerk.graph.core.codec import from_store
from netzwerk.graph.core.model import Actor
from netzwerk.graph.core.store import Store, Tx
from netzwerk.graph.core.values import fold
from netzwerk.graph.records.search import lucene_query

THRESHOLD = 0.72
LEGAL_FORMS = frozenset(
    {"ev", "e", "v", "gmbh", "ggmbh", "ag", "kg", "ug", "eg", "mbh", "gbr", "aor", "kdor"}
)
FILLER = frozenset(
    {"der", "die", "das", "des", "und", "fur", "fuer", "in", "im", "am", "an", "zu", "von"}
)
ABBREVIATIONS = {
    "vhs": "Volkshochschule",
    "kvhs": "Kreisvolkshochschule",
    "igs": "Integrierte Gesamtschule",
    "bbs": "Berufsbildende Schule",
    "hwk": "Handwerkskammer",
    "ihk": "Industrie- und Handelskammer",
    "hs": "Hochschule",
    "uni": "Universität",
    "kita": "Kindertagesstätte",
    "gs": "Grundschule",
}
"""Folded abbreviation → the words it stands for (written as people write them, so that
they can also be sent to the full-text index, which folds differently)."""
GENERIC = frozenset(
    fold(w)
    for w in (
        "Kindertagesstätte",
        "Kita",
        "Grundschule",
        "Schule",
        "Gymnasium",
        "Realschule",
        "plus",
        "Integrierte",
        "Gesamtschule",
        "Berufsbildende",
        "Förderschule",
        "Volkshochschule",
        "Kreisvolkshochschule",
        "Hochschule",
        "Universität",
        "Bibliothek",
        "Stadtbibliothek",
        "Jobcenter",
        "Verein",
        "Verband",
        "Ortsverband",
        "Kreisverband",
        "St",
        "Sankt",
        "Stadt",
        "Kreis",
        "Landkreis",
        "Zentrum",
        "Haus",
    )
)
"""Words that name a *kind* of organisation; two names that share only these are different
organisations ("Grundschule Ehrang" and "Grundschule Feyen")."""
_EXPANDED = {k: fold(v).replace(" und ", " ").split() for k, v in ABBREVIATIONS.items()}


def normalise(name: str) -> str:
    """Comparable form of an organisation name: folded, expanded, without legal form."""
    out: list[str] = []
    for w in fold((name or "").replace("&", " und ")).split():
        if w in LEGAL_FORMS or w in FILLER:
            continue
        out += _EXPANDED.get(w, [w])
    return " ".join(out)


def expansions(name: str) -> list[str]:
    """The written-out words of the abbreviations in ``name`` ("VHS" → "Volkshochschule")."""
    return [ABBREVIATIONS[w] for w in fold(name or "").split() if w in ABBREVIATIONS]


def _distinct(words: list[str]) -> str:
    return " ".join(w for w in words if w not in GENERIC)


def similarity(a: str, b: str) -> float:
    """0..1: how alike two organisation names are after :func:`normalise`."""
    return _score(normalise(a), normalise(b))


def _score(na: str, nb: str, floor: float = 0.0) -> float:
    """The similarity of two normalised names; with ``floor``, any score below it may come
    back as 0.0 (cheap upper bounds first: most pairs an import meets are not alike)."""
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    ta, tb = na.split(), nb.split()
    sa, sb = set(ta), set(tb)
    numbers_a = {t for t in sa if t.isdigit()}
    numbers_b = {t for t in sb if t.isdigit()}
    # "Kita 3" and "Kita 4", "IGS Trier 1" and "IGS Trier 2": numbered sites differ.
    penalty = 0.6 if numbers_a and numbers_b and numbers_a != numbers_b else 1.0
    overlap = len(sa & sb) / min(len(sa), len(sb))  # "VHS Trier" within a longer name
    jaccard = len(sa & sb) / len(sa | sb)
    words = 0.5 * overlap + 0.5 * jaccard
    if floor:  # difflib's upper bounds, without building its index of ``nb``
        size = len(na) + len(nb)
        if max(words, 2 * min(len(na), len(nb)) / size) * penalty < floor:
            return 0.0
        common = sum((Counter(na) & Counter(nb)).values())
        if max(words, 2 * common / size) * penalty < floor:
            return 0.0
    score = max(difflib.SequenceMatcher(None, na, nb).ratio(), words) * penalty
    # "Grundschule Ehrang" and "Grundschule Feyen" share only the generic part: what tells
    # them apart is the rest, so if that differs clearly they are not the same organisation.
    da, db = _distinct(ta), _distinct(tb)
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


FREEMAIL = frozenset(
    (
        "gmail.com",
        "googlemail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "yahoo.de",
        "yahoo.com",
        "outlook.com",
        "outlook.de",
        "hotmail.com",
        "hotmail.de",
        "icloud.com",
        "aol.com",
        "freenet.de",
        "posteo.de",
        "mailbox.org",
        "arcor.de",
        "online.de",
    )
)
"""Mail domains many unrelated people share: a shared one says nothing."""


def mail_domain(email: str) -> str:
    """The organisation's mail domain (``info@vhs-trier.de`` → ``vhs-trier.de``); empty for
    none and for freemail domains."""
    domain = (email or "").rpartition("@")[2].strip().lower()
    return "" if not domain or domain in FREEMAIL or "." not in domain else domain


@dataclass
class Candidate:
    """A stored actor that may be the same organisation, with the reasons in words."""

    actor: Actor
    score: float
    reasons: list[str] = field(default_factory=list)


def find_similar(
    store: Store | Tx,
    name: str,
    *,
    email: str = "",
    website: str = "",
    exclude: str | None = None,
    limit: int = 5,
) -> list[Candidate]:
    """Stored actors that look like the one described, most alike first (read through the
    store or inside a running transaction)."""
    q = lucene_query(" ".join([name, *expansions(name)]), any_term=True)
    host = website_host(website)
    read = store.run if isinstance(store, Tx) else store.read  # also inside a use case
    rows = read(
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


_BLOCK_CAP = 200
"""Names compared per block at most, so one common word cannot make a lookup quadratic."""


class NameIndex:
    """Many names in memory, asked "which of you looks like this one?" thousands of times.

    Each name is filed under blocks of its distinctive words (first and last four letters,
    so a typo at either end still meets its original); a lookup compares only with names of
    the two rarest blocks of the question, after difflib's cheap upper bounds [1]_.
    ``key`` is whatever the caller needs back (a record id, a row number).
    """

    def __init__(self) -> None:
        self._names: list[tuple[str, str, str]] = []  # (key, name, normalised)
        self._blocks: dict[str, list[int]] = {}
        self._df: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self._names)

    @staticmethod
    def _keys(norm: str) -> set[str]:
        words = [w for w in norm.split() if w not in GENERIC and len(w) > 2] or [norm]
        out: set[str] = set()
        for w in words:
            if w.isdigit():
                continue
            out |= {"p:" + w[:4], "s:" + w[-4:]}
        return out or {"n:" + norm}

    def add(self, key: str, name: str) -> None:
        norm = normalise(name)
        if not norm:
            return
        i = len(self._names)
        self._names.append((key, name, norm))
        for block in self._keys(norm):
            bucket = self._blocks.setdefault(block, [])
            self._df[block] += 1
            if len(bucket) < _BLOCK_CAP:
                bucket.append(i)

    def similar(
        self, name: str, *, threshold: float = THRESHOLD, limit: int = 3
    ) -> list[tuple[str, str, float]]:
        """``(key, name, score)`` of the most alike names (score ≥ threshold), best first."""
        norm = normalise(name)
        if not norm or not self._names:
            return []
        blocks = sorted(self._keys(norm), key=lambda b: self._df.get(b, 0))[:2]
        seen: set[int] = set()
        hits: dict[str, tuple[str, str, float]] = {}
        for block in blocks:
            for i in self._blocks.get(block, ()):
                if i in seen:
                    continue
                seen.add(i)
                key, other, onorm = self._names[i]
                score = _score(norm, onorm, threshold)
                if score >= threshold and score > hits.get(key, ("", "", 0.0))[2]:
                    hits[key] = (key, other, score)
        return sorted(hits.values(), key=lambda h: (-h[2], h[1]))[:limit]
