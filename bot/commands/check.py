"""`briefbot check` (not yet implemented)."""

from __future__ import annotations

import click

from bot.cli import cli


@cli.command("check")
def command() -> None:
    """Not yet implemented."""
    raise click.ClickException("briefbot check is not implemented yet")
