"""/brief and /who: the heading, the relation lines and the facts that back them, then the
most informative facts, opened by one that says what the entity is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.engine.commands.arguments import not_found_hint, resolve
from bot.engine.commands.fact_worth import defined_early, informative, named_as_subject
from bot.engine.commands.relation_lines import Stated, key_relations
from bot.engine.commands.search import search_reply
from bot.engine.commands.shared import QUESTION_END, more_left, near_duplicate
from bot.engine.index import FactRow
from bot.engine.names import EntityInfo, initials
from bot.engine.text import normalize_name, words
from bot.reply import Line, Reply, ReplyKind

if TYPE_CHECKING:
    from bot.engine.engine import Engine

BRIEF_FACTS = 6
RELATION_FACTS = 4  # facts the key relations may cite: the rest are the most informative ones
MAX_ALIASES = 4


def brief_reply(engine: Engine, argument: str, query: str, kind: ReplyKind = "brief") -> Reply:
    resolved = resolve(engine, argument)
    if resolved.entity is not None:
        return entity_brief(engine, resolved.entity, query, kind)
    close = not_found_hint(engine, argument, resolved)
    result = search_reply(engine, argument, query)
    if result.kind == "search":
        return Reply(
            query,
            kind,
            title=f"No entity named “{argument[:80]}”: matching excerpts",
            notice=close,
            answers=result.answers,
            extra=result.extra,
        )
    return Reply(
        query,
        "no_answer",
        notice=f"The documents name nothing called “{argument[:80]}”. {close or 'Try /search.'}",
    )


def entity_brief(engine: Engine, entity: EntityInfo, query: str, kind: ReplyKind) -> Reply:
    facts = engine.facts_about(entity)
    worth = {f.ordinal: informative(f, entity) for f in facts}
    relations = key_relations(engine, entity, facts)
    chosen = _choose_facts(facts, relations, worth)
    _definition_first(chosen, facts, entity, worth)
    _explanation_first(chosen, relations, _typed_alias(entity, query), worth)
    lines = _relation_lines_cited(relations, chosen, worth)
    # "other" tells the reader nothing: "Stalin — other" reads as a fault
    kind_shown = f" — {entity.kind}" if entity.kind != "other" else ""
    heading = _heading(entity, query) + kind_shown
    said = {line.value.casefold() for line in lines}  # "Former name: X" says it already
    aliases = [a for a in _other_names(entity, heading) if a.casefold() not in said]
    if aliases:
        lines.insert(0, Line("Also called", ", ".join(aliases)))
    if not chosen:
        return Reply(
            query,
            "no_answer",
            title=heading,
            notice="The documents name it but state no fact about it.",
        )
    titles = tuple(dict.fromkeys(engine.source_title(f.source) for f in chosen))
    return Reply(
        query,
        kind,
        title=heading,
        lines=tuple(lines),
        answers=tuple(engine.cite(f, 1.0) for f in chosen),
        rows=titles,
        extra=more_left(len(facts) - len(chosen), f"/search {entity.name}"),
    )


def _choose_facts(
    facts: list[FactRow], relations: list[Stated], worth: dict[int, float]
) -> list[FactRow]:
    """The facts a briefing shows: first those that state its key relations (at most
    RELATION_FACTS), then the most informative others, one of each report."""
    chosen: list[FactRow] = []
    for stated in relations:
        fact = _citing_fact(stated, chosen, worth)
        if fact not in chosen and len(chosen) < RELATION_FACTS:
            chosen.append(fact)
    for fact in sorted(facts, key=lambda f: -worth[f.ordinal])[: BRIEF_FACTS * 4]:
        if len(chosen) >= BRIEF_FACTS:
            break
        if fact not in chosen and not near_duplicate(fact, chosen):
            chosen.append(fact)
    return chosen


def _relation_lines_cited(
    relations: list[Stated], chosen: list[FactRow], worth: dict[int, float]
) -> list[Line]:
    """Each relation as a line citing a chosen fact that states it; a relation whose facts
    all missed the budget goes unsaid, as no fact shown would back it."""
    lines: list[Line] = []
    for stated in relations:
        shown = [f for f in (stated.past or stated.facts) if f in chosen]
        if shown:
            fact = _citing_fact(Stated(stated.label, stated.value, shown, 0), chosen, worth)
            lines.append(Line(stated.shown_label, stated.value, chosen.index(fact)))
    return lines


def _definition_first(
    chosen: list[FactRow], facts: list[FactRow], entity: EntityInfo, worth: dict[int, float]
) -> None:
    """Open the briefing with what the entity is: the best fact that describes it where it
    names it ("X, an infamous billionaire, ..."), in place of the least informative fact
    chosen when none of them does."""
    if not chosen:
        return
    defining = [
        f for f in facts if defined_early(f.excerpt, entity) and not QUESTION_END.search(f.excerpt)
    ]
    if not defining:  # at least a fact that names it as its subject, not "Chinese ..."
        _subject_first(chosen, entity, worth)
        return
    best = max(defining, key=lambda f: (f in chosen, worth[f.ordinal], -f.ordinal))
    if best not in chosen:
        if len(chosen) >= BRIEF_FACTS:
            chosen.remove(min(chosen[RELATION_FACTS:] or chosen, key=lambda f: worth[f.ordinal]))
    else:
        chosen.remove(best)
    chosen.insert(0, best)


def _subject_first(chosen: list[FactRow], entity: EntityInfo, worth: dict[int, float]) -> None:
    """With no fact that says what it is, open on one that names it as its subject rather than
    one that mentions it in passing ("Chinese ...")."""
    if named_as_subject(chosen[0], entity):
        return
    subject = [f for f in chosen if named_as_subject(f, entity)]
    if subject:
        _most_informative_first(chosen, subject, worth)


def _most_informative_first(
    chosen: list[FactRow], candidates: list[FactRow], worth: dict[int, float]
) -> None:
    """Move the most informative of `candidates` (facts already chosen) to the top."""
    best = max(candidates, key=lambda f: worth[f.ordinal])
    chosen.remove(best)
    chosen.insert(0, best)


def _typed_alias(entity: EntityInfo, query: str) -> str:
    """The other name of the entity the message asks by ("ETIM" for the Turkestan Islamic
    Party), folded; "" when it names it by its own name."""
    asked = f" {' '.join(words(query))} "
    if f" {normalize_name(entity.name)} " in asked:
        return ""
    for alias in entity.aliases:
        folded = normalize_name(alias)
        if folded and f" {folded} " in asked:
            return folded
    return ""


def _explanation_first(
    chosen: list[FactRow], relations: list[Stated], alias: str, worth: dict[int, float]
) -> None:
    """Asked by another name, the reader first sees the fact that ties it to the entity: the
    line whose value is that name or spells it ("Former name: Eastern Turkistan Islamic
    Movement" for "ETIM")."""
    if not alias:
        return
    for stated in relations:
        if alias in (normalize_name(stated.value), initials(stated.value)):
            shown = [f for f in stated.facts if f in chosen]
            if shown:
                _most_informative_first(chosen, shown, worth)
            return


def _citing_fact(stated: Stated, chosen: list[FactRow], worth: dict[int, float]) -> FactRow:
    """The fact a line cites: one that states it as it is shown (a former leader by a fact
    that calls him former), the most informative, one already cited if as good."""
    pool = stated.past or stated.facts
    return max(pool, key=lambda f: (worth[f.ordinal] + (f in chosen), -f.ordinal))


def _heading(entity: EntityInfo, query: str) -> str:
    """The entity's name and the short form a reader knows it by: the one typed if it is
    one of its acronyms, else the one its name's initials spell, else any."""
    short = [a for a in entity.aliases if a.isupper() and 1 < len(a) <= 8 and a != entity.name]
    if not short:
        return entity.name
    typed = set(words(query))
    spelt = initials(entity.name)
    best = next((a for a in short if normalize_name(a) in typed), None) or next(
        (a for a in short if a.casefold() == spelt), short[0]
    )
    return f"{entity.name} ({best})"


def _other_names(entity: EntityInfo, heading: str) -> list[str]:
    """Aliases that tell the reader something: not one the heading shows, nor a part of the
    name ("Tokayev" for "Kassym-Jomart Tokayev") or the name spelt another way."""
    shown = set(words(heading))
    name = set(words(entity.name))
    others = [
        a
        for a in entity.aliases
        if a != entity.name
        and not set(words(a)) <= name
        and not (a.isupper() and set(words(a)) <= shown)
    ]
    return others[:MAX_ALIASES]


def who_reply(engine: Engine, argument: str, query: str) -> Reply:
    return brief_reply(engine, argument, query, kind="who")
