"""/search: the excerpts that match the words, by relevance, each report once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine.commands.shared import more_left, near_duplicate
from bot.engine.index import FactRow
from bot.reply import Citation, Reply

if TYPE_CHECKING:
    from bot.engine.engine import Engine

SEARCH_FACTS = 5


def search_reply(engine: Engine, argument: str, query: str) -> Reply:
    ranking = engine.rank(argument)
    ordered = [
        s
        for s in ranking.scored
        if (s.coverage > 0 and ranking.content) or (s.entity_share > 0 and ranking.mentions)
    ]
    shown: list[FactRow] = []
    cites: list[Citation] = []
    for scored in ordered:  # one report printed twice (two sources, a repeated line) once
        if len(shown) >= SEARCH_FACTS:
            break
        if not near_duplicate(scored.fact, shown):
            shown.append(scored.fact)
            cites.append(engine.cite(scored.fact, scored.score))
    if not shown:
        return Reply(query, "no_answer", notice=f"No excerpt matches “{argument[:80]}”.")
    return Reply(
        query,
        "search",
        title=f"Search: {argument[:80]}",
        answers=tuple(cites),
        extra=more_left(len(ordered) - len(shown), "add words to narrow the search"),
    )
