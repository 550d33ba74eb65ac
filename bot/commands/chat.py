"""`briefbot chat` (not yet implemented)."""

from __future__ import annotations

import click

from bot.cli import cli


@cli.command("chat")
def command() -> None:
    """Not yet implemented."""
    raise click.ClickException("briefbot chat is not implemented yet")
