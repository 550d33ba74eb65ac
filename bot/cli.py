"""The `briefbot` command line: a thin shell that translates options and errors.

Each command parses its input, calls library code, and turns a BriefbotError into one
line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast

import click

from bot import __version__
from bot.errors import BriefbotError
from bot.settings import Settings

log = logging.getLogger("briefbot")


def configure_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request URL at INFO, and Telegram's URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


class State:
    """What the group options resolve to, shared with every command."""

    def __init__(self, seeds: Path | None, knowledge: Path | None) -> None:
        self._seeds = seeds
        self._knowledge = knowledge
        self._settings: Settings | None = None

    def override(self, seeds: Path | None, knowledge: Path | None) -> None:
        """The command's own --seeds/--knowledge, which win over the group's."""
        assert self._settings is None, "override before reading settings"
        self._seeds = seeds or self._seeds
        self._knowledge = knowledge or self._knowledge

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = Settings.from_env(
                    dotenv=Path(".env"), seeds=self._seeds, knowledge=self._knowledge
                )
            except BriefbotError as error:  # a bad variable: one line for every command
                fail(error)
                raise  # not reached: fail exits
        return self._settings


pass_state = click.make_pass_decorator(State)

F = TypeVar("F", bound=Callable[..., Any])


def path_options(command: F) -> F:
    """`--seeds`/`--knowledge` after a command name too, overriding the group's options; the
    command reads them from `state.settings` like the group's."""

    @functools.wraps(command)
    def with_paths(*args: Any, seeds: Path | None, knowledge: Path | None, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(State)
        assert state is not None, "commands run under the cli group, which makes the State"
        state.override(seeds, knowledge)
        return command(*args, **kwargs)

    seeds_option = click.option(
        "--seeds",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of source documents (overrides the global option).",
    )
    knowledge_option = click.option(
        "--knowledge",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of the compiled fact base (overrides the global option).",
    )
    return cast(F, seeds_option(knowledge_option(with_paths)))


def fail(error: BriefbotError, status: int = 1) -> NoReturn:
    # One line even when a message quotes a library's (a YAML parser's runs over three).
    click.echo(f"briefbot: {' '.join(str(error).split())}", err=True)
    sys.exit(status)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefbot")
# No envvar= here: Settings reads BRIEFBOT_SEEDS and BRIEFBOT_KNOWLEDGE (and .env), once,
# and names the variable when its value is wrong.
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of source documents (default: $BRIEFBOT_SEEDS, else the repo's seeds/).",
)
@click.option(
    "--knowledge",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the compiled fact base (default: $BRIEFBOT_KNOWLEDGE, else the repo's "
    "knowledge/).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, seeds: Path | None, knowledge: Path | None, verbose: int) -> None:
    """Brief a team from its own documents, quoting every fact verbatim."""
    configure_logging(verbose)
    ctx.obj = State(seeds, knowledge)


def main() -> None:
    cli(prog_name="briefbot")


# Commands live in their own modules and register themselves on `cli`.
from bot import commands as _commands  # noqa: E402,F401
