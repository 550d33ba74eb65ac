"""/quote: what a person said, with date and source, the quotes that name their speaker first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.compiler.gazetteer import SPEECH_VERBS
from bot.engine.commands.arguments import not_found_hint, resolve
from bot.engine.commands.shared import more_left, written_at
from bot.engine.index import FactRow
from bot.engine.names import EntityInfo
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.engine.engine import Engine

QUOTE_FACTS = 5
QUOTE_MARK = re.compile('[“”«»"]')
_SAYS = rf"(?:{SPEECH_VERBS}|hopes|hoped|described|describes|vowed|vows|promised|promises)"
# "X said", "X, the party's leader, said", "X has said", "X told reporters"
SPEAKS_AFTER = re.compile(
    rf"(?:,[^,“”\"]{{1,60}},)?\s+(?:(?:has|had|have|also|then|later|again|once)\s+)?{_SAYS}\b"
)
# "said X", "said analyst X", "according to X": at most four words between
# (no preposition between: "continues to extol the Taliban", "posted on the X website")
SPEAKS_BEFORE = re.compile(
    rf"\b(?:{_SAYS}|according to)\s+"
    r"(?:(?!(?:to|on|at|in|of|for|with|by|from|about|into|over|against)\s)[\w.’'-]+\s+){0,4}$"
)


def quote_reply(engine: Engine, argument: str, query: str) -> Reply:
    resolved = resolve(engine, argument)
    entity = resolved.entity
    if entity is None:
        close = not_found_hint(engine, argument, resolved)
        notice = f"The documents name nobody called “{argument[:80]}”."
        return Reply(query, "no_answer", notice=f"{notice} {close}".strip())
    said, about = _quotes(engine, entity)
    if not said:
        notice = f"The documents quote nothing said by {entity.name}."
        if about:
            notice += f" Below: quoted words in facts that name {entity.name}, not said by them."
        related = tuple(engine.cite(f, 0.0) for f in about[:QUOTE_FACTS])
        return Reply(query, "no_answer", title=entity.display(), notice=notice, related=related)
    # the quotes that name their speaker, in their own words, then in date order
    if len(said) > QUOTE_FACTS:
        said = sorted(said, key=lambda f: (not _names_speaker(f.excerpt, entity), not _quoting(f)))
    shown = sorted(said[:QUOTE_FACTS], key=lambda f: (f.date or "9999", f.ordinal))
    return Reply(
        query,
        "quote",
        title=f"Quotes: {entity.display()}",
        answers=tuple(engine.cite(f, 1.0) for f in shown),
        extra=more_left(len(said) - len(shown), f"/search {entity.name} said"),
    )


def _quotes(engine: Engine, entity: EntityInfo) -> tuple[list[FactRow], list[FactRow]]:
    """What the entity said, and else the quoted words of facts naming it. Said: the quotes
    the compiler gives them, or a fact that writes their name beside a speech verb ("Mr
    Tokayev insisted that ... “quasi-state formations”", "“...,” said analyst Paul Goble",
    "Mr Howard said many people would be offended"); not words said of them ("President X
    has “astonished and delighted his citizens”")."""
    rows = engine.index.rows(
        "SELECT fact FROM relations WHERE subject = ? AND type = 'quote' LIMIT 50", [entity.id]
    )
    said = engine.index.facts(r[0] for r in rows)
    if said:
        return said, []
    naming = [f for f in engine.facts_about(entity) if entity.id in f.entities]
    said = [f for f in naming if _names_speaker(f.excerpt, entity)]
    return said, [f for f in naming if _quoting(f) and f not in said]


def _quoting(fact: FactRow) -> bool:
    return fact.kind == "quote" or bool(QUOTE_MARK.search(fact.excerpt))


def _names_speaker(excerpt: str, entity: EntityInfo) -> bool:
    """Whether the excerpt writes one of the entity's names as the subject or agent of a
    speech verb: "Bates said", "Mr. Tokayev insisted", "said analyst Paul Goble"."""
    for name in (entity.name, *entity.aliases):
        for at in written_at(excerpt, name):
            if SPEAKS_AFTER.match(excerpt, at + len(name)) or SPEAKS_BEFORE.search(
                excerpt, max(0, at - 60), at
            ):
                return True
    return False
