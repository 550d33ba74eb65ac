"""The console chat: the same engine and commands as the bot, in a terminal or over a pipe.

On a terminal it uses the standard library's readline for line editing and history (kept
in ~/.cache/briefbot/history); with piped input it answers each line and exits at the end.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.engine import Engine
from bot.render import render_plain

log = logging.getLogger("briefbot.console")

PROMPT = "briefbot> "
QUIT = frozenset({"/quit", "/exit", "/q", "quit", "exit"})
HISTORY_LENGTH = 1000


def history_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefbot" / "history"


def _enable_readline() -> Callable[[], None]:
    """Turn on line editing and history; return what saves the history at the end."""
    try:
        import readline  # noqa: PLC0415 - only on a terminal, and absent on some platforms
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return lambda: None
    path = history_path()
    with contextlib.suppress(OSError, ValueError):  # no history yet, or an unreadable one
        readline.read_history_file(path)
    readline.set_history_length(HISTORY_LENGTH)

    def save() -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(path)
        except OSError as exc:
            log.debug("cannot save history: %s", exc)

    return save


def tolerate_miscoding(stream: TextIO) -> None:
    """Replace what the stream's encoding cannot code instead of raising: on input, a Latin-1
    line in a file of questions reads with U+FFFD (a UTF-8 locale reads stdin strictly); on
    output, a quote mark or a Cyrillic name prints as '?' under a Latin-1 or ASCII locale.
    Either must not end the run with a traceback."""
    reconfigure = getattr(stream, "reconfigure", None)
    if callable(reconfigure):
        reconfigure(errors="replace")


def run(engine: Engine, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Answer until end of input or /quit. Returns the number of queries answered."""
    source = stdin or sys.stdin
    sink = stdout or sys.stdout
    interactive = source.isatty() and sink.isatty()
    if not interactive:
        tolerate_miscoding(source)
    tolerate_miscoding(sink)
    save_history = _enable_readline() if interactive else (lambda: None)
    if interactive:
        counts = engine.counts()
        sink.write(
            f"briefbot — {counts['facts']} facts from {counts['sources']} sources. "
            "Ask a question, or /help. Ctrl-D or /quit to leave.\n"
        )
    answered = 0
    try:
        while True:
            line = _read(source, interactive)
            if line is None:
                break
            text = line.strip()
            if not text:
                continue
            if text.casefold() in QUIT:
                break
            sink.write(render_plain(engine.answer(text)) + "\n\n")
            sink.flush()
            answered += 1
    except KeyboardInterrupt:
        sink.write("\n")
    finally:
        save_history()
    return answered


def _read(source: TextIO, interactive: bool) -> str | None:
    if interactive:
        try:
            return input(PROMPT)
        except EOFError:
            return None
    line = source.readline()
    return line if line else None
