"""The answer engine: facts.yaml → SQLite index → Reply. Plain synchronous library code."""

from bot.engine.engine import Engine

__all__ = ["Engine"]
