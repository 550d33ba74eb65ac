"""`briefbot run` (not yet implemented)."""

from __future__ import annotations

import click

from bot.cli import cli


@cli.command("run")
def command() -> None:
    """Not yet implemented."""
    raise click.ClickException("briefbot run is not implemented yet")
