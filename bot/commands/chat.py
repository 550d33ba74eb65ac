"""`briefbot chat`: the interactive console over the engine (also reads piped input)."""

from __future__ import annotations

from bot import console
from bot.cli import State, cli, pass_state, path_options
from bot.commands.ask import opened_engine


@cli.command("chat")
@path_options
@pass_state
def command(state: State) -> None:
    """Chat with the fact base in the terminal: questions, /brief, /who, /timeline, /help."""
    with opened_engine(state) as engine:
        console.run(engine)
