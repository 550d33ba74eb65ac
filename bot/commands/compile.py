"""`briefbot compile` (not yet implemented)."""

from __future__ import annotations

import click

from bot.cli import cli


@cli.command("compile")
def command() -> None:
    """Not yet implemented."""
    raise click.ClickException("briefbot compile is not implemented yet")
