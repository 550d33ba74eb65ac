"""CLI commands, one module each, so the shells stay thin and independent."""

from bot.commands import ask, chat, check, compile, run  # noqa: F401
