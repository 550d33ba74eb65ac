"""The one exceptions module: every error briefbot raises on purpose derives from BriefbotError.

Shells (CLI, console, Telegram) catch BriefbotError and show its message as one line;
anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations

from pathlib import Path


class BriefbotError(Exception):
    """Base of every expected failure; str(error) is a short line fit to show a user."""


class ConfigError(BriefbotError):
    """A setting is missing or malformed; the message names the setting."""


class DocumentError(BriefbotError):
    """One source document could not be read or compiled."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class FactBaseError(BriefbotError):
    """A fact base could not be loaded or is inconsistent."""


class ValidationError(FactBaseError):
    """A fact base failed validation; `problems` lists every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        shown = "; ".join(problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"fact base invalid: {shown}{more}")
        self.problems = problems


def unwritable(knowledge: Path, exc: OSError) -> FactBaseError:
    """An OSError saving into the knowledge folder (read-only, full, a file in the way) as one
    line naming the folder: the temporary file the OS names means nothing to the reader."""
    return FactBaseError(f"{knowledge}: cannot write the fact base ({exc.strerror or exc})")


class SearchIndexError(FactBaseError):
    """The SQLite index could not be built or opened."""


class IngestError(BriefbotError):
    """An uploaded document was refused (name, size, type or content)."""


class BotApiError(BriefbotError):
    """The Bot API refused the bot or could not be reached (bad token, another instance...)."""


class PollingConflict(BotApiError):
    """Another instance polls with this token (409 Conflict); `briefbot run` exits with 3."""

    exit_status = 3
