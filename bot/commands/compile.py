"""`briefbot compile`: compile the seeds folder into knowledge/facts.yaml."""

from __future__ import annotations

import sys
from typing import TextIO

import click

from bot.cli import State, cli, fail, pass_state, path_options
from bot.compiler import compile_folder
from bot.errors import BriefbotError, unwritable

PROGRESS_THRESHOLD = 20  # fewer documents compile too fast for a bar to help


class ProgressLine:
    """A one-line progress bar on stderr, redrawn in place; only on a terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.drawn = False

    def __call__(self, done: int, total: int, path: str) -> None:
        if total <= PROGRESS_THRESHOLD or (done % 25 and done != total):
            return
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\rcompiling [{bar}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@cli.command("compile")
@click.option(
    "--no-cache", is_flag=True, help="Re-extract every document, ignoring knowledge/.cache/."
)
@click.option("--dry-run", is_flag=True, help="Compile and validate, but do not write facts.yaml.")
@path_options
@pass_state
def command(state: State, no_cache: bool, dry_run: bool) -> None:
    """Compile every .txt/.md document in the seeds folder into knowledge/facts.yaml.

    Bad documents are reported one line each and skipped; the exit status is 1 if any failed.
    """
    settings = state.settings
    progress = ProgressLine(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = compile_folder(
            settings.seeds,
            settings.knowledge,
            progress=progress,
            write=not dry_run,
            use_cache=not no_cache,
        )
    except BriefbotError as error:
        fail(error)
    except OSError as error:  # reading is reported per document; this is facts.yaml's write
        fail(unwritable(settings.knowledge, error))
    finally:
        if progress is not None:
            progress.finish()
    report = result.report
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    click.echo(report.summary_line())
    if not report.ok:
        sys.exit(1)
