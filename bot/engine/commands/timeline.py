"""/timeline: dated facts in date order, of an entity, a year, both, or words no name holds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.engine.commands.arguments import Resolved, not_found_hint, resolve
from bot.engine.commands.shared import QUESTION_END, leans_on_before, more_left, near_duplicate
from bot.engine.index import FactRow
from bot.engine.names import EntityInfo
from bot.engine.text import has_date
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.engine.engine import Engine

TIMELINE_FACTS = 10
# "1700 GMT", "1700 local time": four digits that are a time of day
CLOCK_TIME = re.compile(
    r"\b([012]\d[0-5]\d)\s*(?:GMT|BST|UTC|CET|EST|EDT|PST|ET|local time|hours|hrs|h)\b"
)
YEAR = re.compile(r"^\d{4}$")


def timeline_reply(engine: Engine, argument: str, query: str) -> Reply:
    topic, year = _topic_and_year(argument)
    resolved = resolve(engine, topic) if topic else Resolved(None)
    entity = resolved.entity
    if topic and entity is None:
        return _topic_timeline(engine, topic, year, query, resolved)
    dated = engine.index.dated_facts([entity.id] if entity else None, year, TIMELINE_FACTS * 20)
    facts = _timeline_facts(dated)
    if not facts:
        return Reply(query, "no_answer", notice=_no_dates(engine, entity, argument, year))
    label = " ".join(x for x in (entity.display() if entity else "", year or "") if x)
    if entity and year:
        more = f"/search {entity.name} {year}"
    else:
        more = f"/timeline {entity.name if entity else 'NAME'} {year or 'YEAR'}"
    return _timeline(query, f"Timeline: {label or 'all documents'}", facts, engine, more)


def _timeline(query: str, title: str, facts: list[FactRow], engine: Engine, more: str) -> Reply:
    shown = facts[:TIMELINE_FACTS]
    return Reply(
        query,
        "timeline",
        title=title,
        answers=tuple(engine.cite(f, 1.0) for f in shown),
        extra=more_left(len(facts) - len(shown), more),
    )


def _topic_timeline(
    engine: Engine, topic: str, year: str | None, query: str, resolved: Resolved
) -> Reply:
    """ "/timeline sanctions": no entity has the name, so the dated excerpts that match the
    words, in date order."""
    ranking = engine.rank(topic)
    matching = [s.fact for s in ranking.scored if s.coverage > 0 and ranking.content]
    dated = sorted(
        (f for f in matching if f.date and (year is None or f.date.startswith(year))),
        key=lambda f: (f.date or "", f.ordinal),
    )
    facts = _timeline_facts(dated)
    if not facts:
        close = not_found_hint(engine, topic, resolved) or "Try /timeline with a name or a year."
        return Reply(
            query,
            "no_answer",
            notice=f"No dated fact matches “{topic[:80]}”{f' in {year}' if year else ''}. {close}",
        )
    label = " ".join(x for x in (f"“{topic[:80]}”", year or "") if x)
    return _timeline(query, f"Timeline: {label}", facts, engine, f"/search {topic[:80]}")


def _topic_and_year(argument: str) -> tuple[str, str | None]:
    """ "Microsoft 2005" -> ("Microsoft", "2005"); "2004" -> ("", "2004")."""
    words_in = argument.split()
    if words_in and YEAR.match(words_in[-1]):
        return " ".join(words_in[:-1]), words_in[-1]
    if words_in and YEAR.match(words_in[0]):
        return " ".join(words_in[1:]), words_in[0]
    return argument.strip(), None


def _timeline_facts(dated: list[FactRow]) -> list[FactRow]:
    """Dated facts a timeline can show alone, in date order: each event once (the same
    report in two sources is one line), none that asks a question or leans on the sentence
    before it ("He ..."), and none that leaves its date to its neighbours (the compiler
    dates "Nevertheless, 2.2 million will need aid" by the sentence before) when others
    state theirs."""
    kept: list[FactRow] = []
    unstated: list[FactRow] = []  # dated by their neighbours: shown only if none states one
    for n, fact in enumerate(dated):
        if len(kept) > TIMELINE_FACTS:  # the rest are only counted: checked, they cost n²
            return kept + dated[n:]
        if QUESTION_END.search(fact.excerpt) or leans_on_before(fact.excerpt):
            continue
        if _clock_time_for_year(fact):
            continue
        if not has_date(fact.excerpt):
            unstated.append(fact)
        elif not near_duplicate(fact, kept):
            kept.append(fact)
    if kept:
        return kept
    for fact in unstated:
        if not near_duplicate(fact, kept):
            kept.append(fact)
    return kept


def _clock_time_for_year(fact: FactRow) -> bool:
    """Dated by a clock time read as a year: "By 1650 GMT, the dollar was trading ..." is
    no event of 1650. True when every place the excerpt writes the year is a time of day."""
    year = fact.date if fact.date and len(fact.date) == 4 else None
    if year is None or year not in fact.excerpt:
        return False
    written = len(re.findall(rf"\b{year}\b", fact.excerpt))
    clock = sum(1 for m in CLOCK_TIME.finditer(fact.excerpt) if m.group(1) == year)
    return written == clock


def _no_dates(engine: Engine, entity: EntityInfo | None, argument: str, year: str | None) -> str:
    """Why the timeline is empty, and where the undated facts are."""
    about = f" for {argument[:80]}" if argument else ""
    notice = f"The documents give no dated facts{about}."
    if entity is not None and year is None:
        relative = sum(1 for f in engine.facts_about(entity) if f.has_date and not f.date)
        if relative:
            notice += (
                f" {relative} say when without a year (“in June”, “last week”): "
                f"/brief {entity.name}"
            )
    return notice
