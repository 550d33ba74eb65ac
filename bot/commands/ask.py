"""`briefbot ask`: answer one query, or one query per line of standard input."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import click

from bot.cli import State, cli, fail, pass_state, path_options
from bot.console import tolerate_miscoding
from bot.engine import Engine
from bot.errors import BriefbotError, FactBaseError
from bot.render import render_plain


@contextmanager
def opened_engine(state: State) -> Iterator[Engine]:
    """The engine over the settings' knowledge and seeds folders, closed when the command is
    done; one that cannot be opened ends the command with its error."""
    settings = state.settings
    try:
        engine = Engine.open(settings.knowledge, settings.seeds)
    except BriefbotError as error:
        fail(error)
    except OSError as error:  # facts.yaml unreadable, or not a file at all
        where = error.filename or settings.knowledge
        fail(FactBaseError(f"{where}: cannot read: {error.strerror or error}"))
    try:
        yield engine
    finally:
        engine.close()


def answer_one(engine: Engine, text: str, as_json: bool) -> str:
    started = time.perf_counter()
    reply = engine.answer(text)
    elapsed_ms = (time.perf_counter() - started) * 1000
    rendered = render_plain(reply)
    if as_json:
        return json.dumps(reply.to_json(rendered, elapsed_ms), ensure_ascii=False)
    return rendered


@cli.command("ask")
@click.argument("text", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query, on one line.")
@path_options
@pass_state
def command(state: State, text: tuple[str, ...], as_json: bool) -> None:
    """Answer TEXT, or each line of standard input when TEXT is not given."""
    tolerate_miscoding(sys.stdout)
    with opened_engine(state) as engine:
        if text:
            click.echo(answer_one(engine, " ".join(text), as_json))
            return
        tolerate_miscoding(sys.stdin)
        if sys.stdin.isatty():
            click.echo(
                "Reading one query per line; Ctrl-D to end (or use `briefbot chat`).", err=True
            )
        for line in sys.stdin:
            query = line.rstrip("\r\n")
            if not query.strip() and not as_json:
                continue
            click.echo(answer_one(engine, query, as_json))
            if not as_json:
                click.echo()
            sys.stdout.flush()
