"""What every ``netzwerk`` subcommand needs: a store with a German error, a progress bar."""

from __future__ import annotations

import sys

import click

from netzwerk import graph, settings


def store() -> graph.Store:
    try:
        return graph.connect()
    except settings.SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


def progress_bar(label: str):  # type: ignore[no-untyped-def]
    bar = click.progressbar(length=1, label=label, file=sys.stderr, show_percent=True)

    def update(done: int, total: int) -> None:
        bar.length = max(total, 1)
        bar.update(done - bar.pos)

    return bar, update
