"""Is this row's organisation or person already stored? Certain matches and candidates.

A match is *certain* when the folded name agrees (and the postcode, if both have one), or a
person's e-mail address agrees, or the user decided it. Anything less — the same name with
another postcode, a similar name without its legal form, the same address (street
and postcode, whatever the name), the same e-mail
or mail domain with a similar name — is a *candidate*: the dry run shows it side by side for
the user to decide (:class:`netzwerk.graph.imports.plan.Review`), and never merges or
duplicates on its own. Names are compared by the one engine of
:mod:`netzwerk.graph.records.duplicates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from netzwerk.graph.core.codec import from_store
from netzwerk.graph.core.i18n import N_, Said
from netzwerk.graph.core.model import Actor, Person
from netzwerk.graph.core.store import Store
from netzwerk.graph.core.values import fold
from netzwerk.graph.imports import names
from netzwerk.graph.imports.plan import Candidate
from netzwerk.graph.records import duplicates, visibility

PERSON_THRESHOLD = 0.85
"""Person names are short: "Eva Schmidt" and "Eva Schmitt" (0.91) alike, "Anna Meier" and
"Anna Müller" (0.73) not."""


def name_key(name: str) -> str:
    """Folded name for exact matching; a name of punctuation only is its own key."""
    return fold(name) or name.strip()


def person_key(p: Person) -> str:
    """First and last name folded, without a salutation or title written into them (an
    older import stored "Frau Renate" as a first name): "Frau Renate Köhler" is
    "Renate Köhler"."""
    bare = names.clean("", "", p.first_name, p.last_name)
    return name_key(f"{bare.first_name} {bare.last_name}")


def address_key(street: str, postcode: str) -> tuple[str, str]:
    """Street and postcode compared loosely: "Weberbach 25" = "Weberbach 25",
    "Domfreihof 1 b" = "Domfreihof 1b", "Saarstr. 5" = "Saarstraße 5"."""
    key = re.sub(r"str\b", "strasse", fold(street)).replace(" strasse", "strasse")
    return re.sub(r"(\d+) ([a-z])\b", r"\1\2", key), postcode.strip()


R = TypeVar("R", Actor, Person)


@dataclass
class Match(Generic[R]):
    """What a row's record is: a stored or planned one (``record``), or, if uncertain, the
    ``candidates`` the user chooses from (neither: a new record)."""

    record: R | None = None
    candidates: list[Candidate] = field(default_factory=list)


def actor_details(a: Actor) -> dict[str, str]:
    place = " ".join(p for p in (a.postcode, a.town) if p)
    address = ", ".join(p for p in (a.street, place) if p)
    return {
        N_("Art"): a.kind,
        N_("Anschrift"): address,
        N_("E-Mail"): a.email,
        N_("Webseite"): a.website,
    }


def _similar_name(score: float) -> Said:
    return Said(N_("ähnlicher Name (%(percent)s %%)"), percent=round(score * 100))


class KnownActors:
    """Stored actors (read once per dry run) and the actors an import plans to create."""

    def __init__(self, store: Store) -> None:
        self.by_id: dict[str, Actor] = {}
        self.seats: dict[str, list[str]] = {}
        self.stored: set[str] = set()
        self.rows: dict[str, int] = {}
        self._by_key: dict[str, list[str]] = {}
        self._index = duplicates.NameIndex()
        self._by_address: dict[tuple[str, str], list[str]] = {}
        self._by_domain: dict[str, list[str]] = {}
        for r in store.read("imports/existing_actors"):
            a = from_store(Actor, r["node"])
            self.seats[a.id] = list(r["seats"] or [])
            self.add(a)

    def add(self, a: Actor, row: int = 0) -> None:
        """File an actor; ``row`` > 0 marks one planned by the import (matched by name only)."""
        self.by_id[a.id] = a
        for text in (a.name, a.short_name):
            if text:
                self._by_key.setdefault(name_key(text), []).append(a.id)
        if row:
            self.rows[a.id] = row
            return
        self.stored.add(a.id)
        self._index.add(a.id, a.name)
        if a.street and a.postcode:
            self._by_address.setdefault(address_key(a.street, a.postcode), []).append(a.id)
        for domain in {duplicates.mail_domain(a.email), duplicates.website_host(a.website)}:
            if domain:
                self._by_domain.setdefault(domain, []).append(a.id)

    def named(self, name: str) -> list[Actor]:
        """Actors called ``name`` (or with that short name), stored or planned."""
        ids = dict.fromkeys(self._by_key.get(name_key(name), []))
        return [self.by_id[i] for i in ids]

    def lookup(self, name: str) -> tuple[Actor | None, str]:
        """The one actor called ``name`` (or with that short name), else why not (German)."""
        found = self.named(name)
        if len(found) == 1:
            return found[0], ""
        if found:
            places = ", ".join(sorted({a.town or a.postcode or a.id for a in found}))[:120]
            return None, Said(
                N_(
                    "„%(value)s“ ist mehrdeutig: %(n)s Akteure heißen so (%(places)s) – "
                    "bitte den Namen eindeutig machen"
                ),
                value=name[:80],
                n=len(found),
                places=places,
            )
        return None, Said(N_("„%(value)s“ ist kein bekannter Akteur"), value=name[:80])

    def match(self, incoming: Actor) -> Match[Actor]:  # noqa: C901 (complexity 15: lower, never raise)
        """The stored or planned actor ``incoming`` is, or the candidates it may be."""
        same = self.named(incoming.name)
        code = incoming.postcode.strip()
        fitting = [a for a in same if not code or not a.postcode or a.postcode == code]
        exact = [a for a in fitting if a.postcode == code] if code else fitting
        if len(exact) == 1 or (len(fitting) == 1 and not exact):
            return Match(record=(exact or fitting)[0])
        found: dict[str, Candidate] = {}

        def add(a: Actor, reason: str, score: float) -> None:
            c = found.setdefault(a.id, Candidate(a.id, a.name, actor_details(a)))
            if a.id in self.rows:
                reason = Said(
                    N_("%(reason)s (Zeile %(line)s dieser Datei)"),
                    reason=reason,
                    line=self.rows[a.id],
                )
            c.reasons.append(reason)
            c.score = max(c.score, score)

        for a in same:
            if a.postcode and code and a.postcode != code:
                add(
                    a,
                    Said(N_("gleicher Name, andere PLZ (%(postcode)s)"), postcode=a.postcode),
                    0.9,
                )
            else:
                add(a, Said(N_("gleicher Name")), 0.9)
        for aid, _, score in self._index.similar(incoming.name):
            if aid not in found:  # the same name said it already
                add(self.by_id[aid], _similar_name(score), score)
        if incoming.street and code:  # another name at the same address: a candidate
            for aid in self._by_address.get(address_key(incoming.street, code), []):
                add(self.by_id[aid], Said(N_("gleiche Anschrift (Straße und PLZ)")), 0.8)
        email = incoming.email.strip().lower()
        hosts = {duplicates.mail_domain(email), duplicates.website_host(incoming.website)}
        for host in hosts - {""}:
            for aid in self._by_domain.get(host, []):
                a = self.by_id[aid]
                if email and a.email.lower() == email:
                    add(a, Said(N_("gleiche E-Mail-Adresse")), 0.95)
                elif duplicates.similarity(incoming.name, a.name) >= 0.5:
                    add(a, Said(N_("gleiche Mail-Domain oder Webseite (%(host)s)"), host=host), 0.8)
        ranked = sorted(found.values(), key=lambda c: (-c.score, c.name))
        return Match(candidates=ranked[:3])


class KnownPersons:
    """Stored persons with their employers, and the persons an import plans to create."""

    def __init__(self, store: Store, actors: KnownActors) -> None:
        self.actors = actors
        self.by_id: dict[str, Person] = {}
        self.employers: dict[str, list[str]] = {}
        self._by_email: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = {}
        self._index = duplicates.NameIndex()
        # Only the persons the importing office may see: a row never matches (nor names)
        # another office's person.
        for r in store.read("imports/existing_persons", reader=visibility.reader()):
            p = from_store(Person, r["node"])
            self.add(p, list(r["actor_ids"] or []))

    def add(self, p: Person, employers: list[str], planned: bool = False) -> None:
        self.by_id[p.id] = p
        self.employers.setdefault(p.id, [])
        self.employers[p.id] += [a for a in employers if a not in self.employers[p.id]]
        if p.email:
            self._by_email.setdefault(p.email.lower(), p.id)
        ids = self._by_name.setdefault(person_key(p), [])
        if p.id not in ids:
            ids.append(p.id)
        if not planned:
            self._index.add(p.id, f"{p.first_name} {p.last_name}")

    def lookup(self, name: str) -> tuple[Person | None, str]:
        """The one person called ``name`` ("Vorname Nachname"), else why not (German)."""
        found = self._by_name.get(name_key(name), [])
        if len(found) == 1:
            return self.by_id[found[0]], ""
        if found:
            return None, Said(
                N_("„%(value)s“ ist mehrdeutig: %(n)s Personen heißen so"),
                value=name[:80],
                n=len(found),
            )
        return None, Said(N_("„%(value)s“ ist keine bekannte Person"), value=name[:80])

    def details(self, p: Person) -> dict[str, str]:
        works = [self.actors.by_id[a].name for a in self.employers.get(p.id, [])]
        return {
            N_("Funktion"): p.function,
            N_("E-Mail"): p.email,
            N_("arbeitet bei"): "; ".join(works),
        }

    def match(self, incoming: Person, actor_id: str) -> tuple[Match[Person], str]:
        """(match, warning): certain by e-mail or by name at the same employer; the same
        name elsewhere or a similar name at the same employer is a candidate; a similar
        name elsewhere only a warning."""
        email = incoming.email.strip().lower()
        if email and email in self._by_email:
            return Match(record=self.by_id[self._by_email[email]]), ""
        same = [self.by_id[i] for i in self._by_name.get(person_key(incoming), [])]
        here = [p for p in same if actor_id and actor_id in self.employers.get(p.id, [])]
        if len(here) == 1 and not (email and here[0].email):
            return Match(record=here[0]), ""
        if not actor_id and len(same) == 1 and not same[0].email and not email:
            return Match(record=same[0]), ""
        cands = [
            Candidate(p.id, p.display_name, self.details(p), [Said(N_("gleicher Name"))], 0.9)
            for p in same
        ]
        warning = ""
        name = f"{incoming.first_name} {incoming.last_name}"
        for pid, other, score in self._index.similar(name, threshold=PERSON_THRESHOLD):
            p = self.by_id[pid]
            if pid in {c.id for c in cands}:
                continue
            if actor_id and actor_id in self.employers.get(pid, []):
                reason = Said(N_("%(reason)s, gleiche Einrichtung"), reason=_similar_name(score))
                cands.append(Candidate(pid, p.display_name, self.details(p), [reason], score))
            elif not warning:
                warning = Said(N_("ähnlich wie vorhandene Person „%(name)s“"), name=other)
        return Match(candidates=cands[:3]), warning
