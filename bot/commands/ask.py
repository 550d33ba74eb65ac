"""`briefbot ask` (not yet implemented)."""

from __future__ import annotations

import click

from bot.cli import cli


@cli.command("ask")
def command() -> None:
    """Not yet implemented."""
    raise click.ClickException("briefbot ask is not implemented yet")
