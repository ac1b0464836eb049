"""Errors the graph layer raises, each carrying a message fit to show a user (German).

The web layer maps them to HTTP statuses (400, 404, 409, 503) without inspecting driver
exceptions, which keeps Neo4j details out of Flask.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Self

from netzwerk.graph.core.i18n import N_, Said


class GraphError(Exception):
    """Base class: ``str(err)`` is a complete German sentence for the user.

    An error made with :meth:`said` also keeps the sentence's template (marked ``N_``) and
    its values, so a page can say it in the reader's language (``str`` stays German).
    """

    message: str = ""
    params: dict[str, object]

    @classmethod
    def said(cls, message: str, /, *args: object, **params: object) -> Self:
        """The error whose German text is ``message % params`` (``args`` go to the class,
        e.g. a conflict's current record)."""
        err = cls(message % params if params else message, *args)
        err.message, err.params = message, params
        return err


@dataclass(frozen=True)
class FieldError:
    """One invalid field: which field and why, so forms can show it at the field.

    ``message`` is the German text. A message with values is made by :meth:`said`, which
    also keeps its ``N_`` template and values, so a form can say it in the reader's
    language; a message without values is itself the template (written ``N_("…")``).
    """

    field: str
    message: str
    template: str = dataclasses.field(default="", compare=False)
    params: tuple[tuple[str, object], ...] = dataclasses.field(default=(), compare=False)

    @classmethod
    def said(cls, name: str, template: str, /, **params: object) -> FieldError:
        """The error at field ``name`` whose German text is ``template % params``."""
        return cls(name, Said(template, **params), template, tuple(params.items()))

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(GraphError):
    """Input was rejected; nothing was written."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__(N_("Bitte Eingaben prüfen") + " – " + "; ".join(str(e) for e in errors))

    def by_field(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for err in self.errors:
            out.setdefault(err.field, []).append(err.message)
        return out


class NotFoundError(GraphError):
    """The record does not exist (any more)."""


def not_found(kind: str, key: str) -> NotFoundError:
    """ "Person „x“ wurde nicht gefunden." for a record of ``kind`` (its German title)."""
    return NotFoundError.said(N_("%(kind)s „%(id)s“ wurde nicht gefunden."), kind=kind, id=key[:80])


class ConflictError(GraphError):
    """Someone saved the record meanwhile; the update was not applied.

    ``current`` holds the record as it is now, so a form can show what changed and keep the
    user's input.
    """

    def __init__(self, message: str, current: object | None = None):
        self.current = current
        super().__init__(message)


def overtaken(template: str, current: Any, own_version: int, /, **params: object) -> ConflictError:
    """The conflict of a save made from version ``own_version`` of a record someone saved
    meanwhile: ``template`` names both versions (``%(version)s``, ``%(own_version)s``) and
    the error carries ``current``, the record as stored now."""
    return ConflictError.said(
        template, current, version=current.version, own_version=own_version, **params
    )


class DatabaseUnavailableError(GraphError):
    """Neo4j cannot be reached; the app answers 503 and recovers when it is back."""


class DatabaseAuthError(DatabaseUnavailableError):
    """Neo4j refused the configured user name or password (a setting to fix, not a wait)."""


class ForbiddenError(GraphError):
    """The user's role may not do this (e.g. restore an admin-only record); answered 403."""


class ProposalSent(GraphError):
    """The change was not written but sent to the record's owning organisation as a
    proposal (``changeset``: its id); ``str(err)`` is the notice for the proposer."""

    def __init__(self, message: str, *, changeset: str, label: str, record_id: str, recipient: str):
        self.changeset = changeset
        self.recipient = recipient
        """How the notice names the owner ("der Stadt Trier"), for a translated notice."""
        self.label = label
        self.record_id = record_id
        super().__init__(message)
