"""`briefbot chat`: the interactive console over the engine (also reads piped input)."""

from __future__ import annotations

from pathlib import Path

import click

from bot import console
from bot.cli import State, cli, fail, pass_state
from bot.commands.ask import open_engine
from bot.errors import BriefbotError


@cli.command("chat")
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of source documents (overrides the global option).",
)
@click.option(
    "--knowledge",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the compiled fact base (overrides the global option).",
)
@pass_state
def command(state: State, seeds: Path | None, knowledge: Path | None) -> None:
    """Chat with the fact base in the terminal: questions, /brief, /who, /timeline, /help."""
    try:
        engine = open_engine(state, seeds, knowledge)
    except BriefbotError as error:
        fail(error)
        return
    try:
        console.run(engine)
    finally:
        engine.close()
