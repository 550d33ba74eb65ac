"""Slash commands: /brief, /who, /timeline, /quote, /sources, /search, /help.

Each command's logic is in its own module: briefing (/brief, /who; its relation lines in
relation_lines, how informative a fact is in fact_worth), timeline, quotes, search; arguments
resolves the name a command is given. This module routes a command to its handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.engine.commands.briefing import brief_reply, entity_brief, who_reply
from bot.engine.commands.quotes import quote_reply
from bot.engine.commands.search import search_reply
from bot.engine.commands.shared import more_left
from bot.engine.commands.timeline import timeline_reply
from bot.engine.query import parse
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.engine.engine import Engine

SOURCE_ROWS = 30
HELP_ROWS = (
    "/brief TOPIC — what it is, key relations, the main facts, sources",
    "/who NAME — profile of a person or group",
    "/timeline [TOPIC|YEAR] — dated facts in date order",
    "/quote NAME — what they said, with date and source",
    "/sources — the documents and how many facts each gives",
    "/search TEXT — excerpts by relevance",
    "/help — this list",
    "Or ask a question in plain words, or send just a name for its briefing.",
)

USAGE = {
    "brief": "/brief TOPIC",
    "who": "/who NAME",
    "quote": "/quote NAME",
    "search": "/search TEXT",
}


def dispatch(engine: Engine, command: str, argument: str, query: str) -> Reply:
    handler = HANDLERS.get(command)
    if handler is None:
        shown = command[:30] or "(nothing)"
        return Reply(
            query,
            "error",
            notice=f"Unknown command /{shown}. Try /help for the list.",
            rows=HELP_ROWS,
        )
    if command in USAGE and not argument:
        example = engine.example_name()
        hint = f" — e.g. /{command} {example}" if example else ""
        return Reply(query, "error", notice=f"Usage: {USAGE[command]}{hint}")
    return handler(engine, argument, query)


def help_reply(engine: Engine, _argument: str, query: str) -> Reply:
    example = engine.example_name()
    rows = HELP_ROWS + ((f"Example: /brief {example}",) if example else ())
    counts = engine.counts()
    return Reply(
        query,
        "help",
        title="briefbot — briefings from your team's documents",
        notice=f"{counts['facts']} facts from {counts['sources']} sources.",
        rows=rows,
    )


def sources_reply(engine: Engine, _argument: str, query: str) -> Reply:
    rows = tuple(
        f"{title} — {path} ({count} facts)" for _i, title, path, count in engine.sources_list
    )
    if not rows:
        return Reply(query, "sources", notice="The fact base holds no documents yet.")
    return Reply(
        query,
        "sources",
        title=f"{len(rows)} sources",
        rows=rows[:SOURCE_ROWS],  # a phone shows a page of them, not thousands of messages
        extra=more_left(len(rows) - SOURCE_ROWS, "/search WORDS finds a document's facts"),
    )


HANDLERS: dict[str, Callable[[Engine, str, str], Reply]] = {
    "brief": brief_reply,
    "who": who_reply,
    "timeline": timeline_reply,
    "quote": quote_reply,
    "sources": sources_reply,
    "search": search_reply,
    "help": help_reply,
    "start": help_reply,
}

__all__ = ["HANDLERS", "dispatch", "entity_brief", "parse"]
