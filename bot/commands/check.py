"""`briefbot check`: validate knowledge/facts.yaml against the documents it quotes."""

from __future__ import annotations

import sys

import click

from bot import factbase
from bot.cli import State, cli, fail, pass_state, path_options
from bot.errors import BriefbotError, DocumentError

SHOWN_PROBLEMS = 50


@cli.command("check")
@path_options
@pass_state
def command(state: State) -> None:
    """Check the fact base: schema, dangling ids, and every excerpt against its source text."""
    settings = state.settings
    try:
        base = factbase.load(settings.knowledge)
    except BriefbotError as error:
        fail(error)
    if not settings.seeds.is_dir():  # else every source is reported unreadable, one by one
        fail(DocumentError(settings.seeds, "is not a folder of documents"))
    problems = factbase.validate(base, settings.seeds)
    counts = base.counts()
    summary = f"{counts['sources']} sources, {counts['entities']} entities, {counts['facts']} facts"
    if not problems:
        click.echo(f"ok: {settings.knowledge / factbase.FACTS_FILE}: {summary}")
        return
    for problem in problems[:SHOWN_PROBLEMS]:
        click.echo(f"problem: {problem}", err=True)
    if len(problems) > SHOWN_PROBLEMS:
        click.echo(f"... and {len(problems) - SHOWN_PROBLEMS} more", err=True)
    noun = "problem" if len(problems) == 1 else "problems"
    click.echo(f"invalid: {len(problems)} {noun} in {summary}", err=True)
    sys.exit(1)
