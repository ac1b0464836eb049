"""What every ``netzwerk`` subcommand needs: a store with a German error, a progress bar.

A database that cannot be reached, or refuses the credentials, ends a command with one
German line naming the setting to check — never a traceback, never the driver's English
retry lines: the store is checked once at the start (no retries), the driver's retry
warnings are filtered out, and :class:`CliGroup` turns a connection lost mid-command into
the same line. Every other graph error (a record not found, a value that does not validate)
ends the command the same way with its own German message, so commands need no handlers.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from netzwerk import graph, settings
from netzwerk.graph.network import filters, snapshot
from netzwerk.graph.network.filters import Filter

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


class Fehler(click.ClickException):
    """A ``ClickException`` that prints "Fehler: …" (click's own prefix is English)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Fehler: {self.format_message()}", err=True, file=file)


class CliGroup(click.Group):
    """The command group: database and settings errors anywhere become :class:`Fehler`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (graph.GraphError, settings.SettingsError) as exc:  # German already
            raise Fehler(str(exc)) from None
        except click.ClickException as exc:
            if type(exc) is not click.ClickException:
                raise  # usage errors keep click's own form
            raise Fehler(exc.format_message()) from None


def acting_user(value: str | None) -> str:
    """The name a command's changes and exports are recorded under: ``--user`` if given,
    else ``cli:<login>``, so the history says the change came from the command line."""
    return value or f"cli:{getpass.getuser()}"


def store() -> graph.Store:
    graph.quiet_driver_retries()  # no English "will be retried" lines on stderr
    try:
        conn = settings.resolve()
    except settings.SettingsError as exc:
        raise Fehler(str(exc)) from None
    found = graph.connect(conn)
    try:
        found.check()
    except graph.DatabaseUnavailableError as exc:
        found.close()
        raise Fehler(f"{exc} ({conn.redacted()})") from None
    return found


def progress_bar(label: str) -> tuple[ProgressBar[int], Callable[[int, int], None]]:
    bar = click.progressbar(length=1, label=label, file=sys.stderr, show_percent=True)

    def update(done: int, total: int) -> None:
        bar.length = max(total, 1)
        bar.update(done - bar.pos)

    return bar, update


def output_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-o/--output FILE`` of the commands that write a file; without it a command names
    the file itself (``help_text`` says how)."""
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text
    )


def kind_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--kind`` (repeatable) of the commands that select actors, as the ``kinds`` tuple."""
    return click.option(
        "--kind",
        "kinds",
        multiple=True,
        type=click.Choice(graph.ACTOR_KINDS),
        help="Akteursart (mehrfach möglich).",
    )


def filter_by_names(
    st: graph.Store, *, kinds: tuple[str, ...] = (), function: str = "", **given: str
) -> Filter:
    """The one filter from command options that name records by id or by (case-insensitive)
    name, e.g. ``--alliance "MINT-Initiativkreis"``; an unknown one ends the command."""
    try:
        return filters.by_names(snapshot.vocabulary(st), given, kinds=kinds, function=function)
    except graph.ValidationError as exc:
        raise click.BadParameter(exc.errors[0].message) from None
