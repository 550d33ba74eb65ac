"""Slash commands: /brief, /who, /timeline, /quote, /sources, /search, /help."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.engine.index import FactRow
from bot.engine.names import EntityInfo
from bot.engine.query import parse
from bot.engine.text import normalize_name, starts_with_pronoun, word_set, words
from bot.reply import Line, Reply, ReplyKind

if TYPE_CHECKING:
    from bot.engine.engine import Engine

BRIEF_FACTS = 6
TIMELINE_FACTS = 10
QUOTE_FACTS = 5
SEARCH_FACTS = 5
SUBJECT_WORDS = 2  # content words before the name that still leave it the sentence's subject
DUPLICATE_OVERLAP = 0.6  # share of word keys two facts may have in common and both be shown
CONNECTIVES = word_set(
    "moreover however meanwhile furthermore indeed thus therefore still yet instead "
    "nevertheless nonetheless besides additionally similarly likewise consequently hence "
    "subsequently earlier later now"
)
YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")

# How a relation reads in a briefing, from the subject's side and from the object's side.
SUBJECT_LABELS = {
    "leader": "Leader",
    "role": "Role",
    "allegiance": "Allegiance",
    "designation": "Designated",
    "area": "Area",
    "former_name": "Former name",
    "member": "Member of",
    "quote": None,
}
OBJECT_LABELS = {
    "leader": "Leads",
    "member": "Members",
    "allegiance": "Allegiance from",
    "designation": "Designated",
    "area": None,
    "role": None,
    "former_name": None,
    "quote": None,
}

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
    return Reply(query, "sources", title=f"{len(rows)} sources", rows=rows)


def search_reply(engine: Engine, argument: str, query: str) -> Reply:
    ranking = engine.rank(argument)
    ordered = [
        s
        for s in ranking.scored
        if (s.coverage > 0 and ranking.content) or (s.entity_share > 0 and ranking.mentions)
    ]
    shown = ordered[:SEARCH_FACTS]
    if not shown:
        return Reply(query, "no_answer", notice=f"No excerpt matches “{argument[:80]}”.")
    cites = tuple(engine.cite(s.fact, s.score) for s in shown)
    return Reply(
        query,
        "search",
        title=f"Search: {argument[:80]}",
        answers=cites,
        extra=_more(len(ordered) - len(shown), "add words to narrow the search"),
    )


def _more(count: int, hint: str) -> dict[str, object]:
    """How many facts were left out, and the command (or advice) that reaches them."""
    return {"more": count, "more_command": hint} if count > 0 else {}


def brief_reply(engine: Engine, argument: str, query: str, kind: ReplyKind = "brief") -> Reply:
    entity = engine.names.lookup(argument)
    if entity is None:
        found = engine.names.find(argument, engine.known)
        if found and found[0].entity_ids:
            entity = engine.names.entities[found[0].entity_ids[0]]
    if entity is None:
        result = search_reply(engine, argument, query)
        if result.kind == "search":
            return Reply(
                query,
                kind,
                title=f"No entity named “{argument[:80]}”: matching excerpts",
                answers=result.answers,
                extra=result.extra,
            )
        return Reply(
            query,
            "no_answer",
            notice=f"The documents name nothing called “{argument[:80]}”. Try /search.",
        )
    return entity_brief(engine, entity, query, kind)


def entity_brief(engine: Engine, entity: EntityInfo, query: str, kind: ReplyKind) -> Reply:
    facts = engine.facts_about(entity)
    chosen: list[FactRow] = []
    lines: list[Line] = []
    seen_lines: set[tuple[str, str]] = set()

    def cite_index(fact: FactRow) -> int:
        if fact not in chosen:
            chosen.append(fact)
        return chosen.index(fact)

    for fact in facts:
        for rtype, subject, obj, value in fact.relations:
            label, shown = _relation_line(engine, entity.id, (rtype, subject, obj, value))
            if label is None or (label, shown.casefold()) in seen_lines or len(lines) >= 8:
                continue
            if len(chosen) >= BRIEF_FACTS and fact not in chosen:
                continue
            seen_lines.add((label, shown.casefold()))
            lines.append(Line(label, shown, cite_index(fact)))
    for fact in sorted(facts, key=lambda f: -_informative(f, entity))[: BRIEF_FACTS * 4]:
        if len(chosen) >= BRIEF_FACTS:
            break
        if fact not in chosen and not _near_duplicate(fact, chosen):
            chosen.append(fact)
    aliases = [a for a in entity.aliases if a != entity.name][:6]
    if aliases:
        lines.insert(0, Line("Also called", ", ".join(aliases)))
    if not chosen:
        return Reply(
            query,
            "no_answer",
            title=f"{entity.display()} — {entity.kind}",
            notice="The documents name it but state no fact about it.",
        )
    titles = tuple(dict.fromkeys(engine.source_title(f.source) for f in chosen))
    return Reply(
        query,
        kind,
        title=f"{entity.display()} — {entity.kind}",
        lines=tuple(lines),
        answers=tuple(engine.cite(f, 1.0) for f in chosen),
        rows=titles,
        extra=_more(len(facts) - len(chosen), f"/search {entity.name}"),
    )


def _relation_line(
    engine: Engine, entity_id: str, relation: tuple[str, str, str | None, str]
) -> tuple[str | None, str]:
    rtype, subject, obj, value = relation
    if subject == entity_id:
        label = SUBJECT_LABELS.get(rtype)
        named = engine.names.entities.get(obj) if obj else None
        return label, (named.name if named and rtype not in ("role", "former_name") else value)
    if obj == entity_id:
        named = engine.names.entities.get(subject)
        return OBJECT_LABELS.get(rtype), (named.name if named else subject)
    return None, ""


def _informative(fact: FactRow, entity: EntityInfo | None = None) -> float:
    """How much a fact tells about the entity: what it is about (the entity as its subject,
    early in the sentence or the subject of a relation), and what it holds (relations,
    names, a date, a number)."""
    entity_id = entity.id if entity is not None else None
    about = [r for r in fact.relations if entity_id in (r[1], r[2])]
    subject_of = sum(1 for r in about if r[1] == entity_id)
    score = (
        2.0 * subject_of
        + 1.0 * (len(about) - subject_of)
        + 0.5 * (len(fact.relations) - len(about))
        + min(len(fact.entities), 5) * 0.5
        + (1.0 if fact.date or fact.has_date == 2 else 0.0)
        + (0.5 if fact.has_number else 0.0)
    )
    if entity is not None:
        at = _name_position(fact, entity)
        if subject_of or (at is not None and at <= SUBJECT_WORDS):
            score += 3.0
        elif at is None:  # tagged, but not named: "Chinese", "its", a passing reference
            score -= 1.0
    if starts_with_pronoun(fact.excerpt):
        score -= 2.0
    if len(fact.excerpt) > 400:
        score -= 2.0
    if fact.kind == "caption":
        score -= 3.0
    return score - fact.ordinal * 1e-9


def _name_position(fact: FactRow, entity: EntityInfo) -> int | None:
    """The word position at which the excerpt first writes one of the entity's names as a
    noun of its own, not counting an opening connective ("Moreover, China ..." is at 0).
    Whole words only: a demonym ("Kazakh President") or a possessive ("China's province")
    modifies another noun and does not count."""
    tokens = words(fact.excerpt)
    skip = 0
    while skip < len(tokens) and (tokens[skip] in CONNECTIVES or tokens[skip] == "the"):
        skip += 1
    spelled = {tuple(normalize_name(n).split()) for n in (entity.name, *entity.aliases)}
    spelled.discard(())
    for n in range(skip, len(tokens)):
        for name in spelled:
            after = n + len(name)
            if tuple(tokens[n:after]) == name and not (
                after < len(tokens) and tokens[after] == "s"
            ):
                return n - skip
    return None


def _near_duplicate(fact: FactRow, chosen: list[FactRow]) -> bool:
    for other in chosen:
        union = fact.keys | other.keys
        if union and len(fact.keys & other.keys) / len(union) > DUPLICATE_OVERLAP:
            return True
    return False


def who_reply(engine: Engine, argument: str, query: str) -> Reply:
    return brief_reply(engine, argument, query, kind="who")


def timeline_reply(engine: Engine, argument: str, query: str) -> Reply:
    argument = argument.strip()
    year = argument if YEAR.match(argument) else None
    entity = engine.names.lookup(argument) if argument and not year else None
    if argument and not year and entity is None:
        return Reply(
            query,
            "no_answer",
            notice=f"The documents name nothing called “{argument[:80]}”; "
            "try /timeline with a name or a year.",
        )
    facts = engine.index.dated_facts([entity.id] if entity else None, year, TIMELINE_FACTS * 20)
    if not facts:
        about = f" for {argument[:80]}" if argument else ""
        return Reply(query, "no_answer", notice=f"The documents give no dated facts{about}.")
    shown = facts[:TIMELINE_FACTS]
    label = entity.display() if entity else (year or "all documents")
    return Reply(
        query,
        "timeline",
        title=f"Timeline: {label}",
        answers=tuple(engine.cite(f, 1.0) for f in shown),
        extra=_more(
            len(facts) - len(shown),
            f"/search {argument}" if argument else "/timeline YEAR or /timeline NAME",
        ),
    )


def quote_reply(engine: Engine, argument: str, query: str) -> Reply:
    entity = engine.names.lookup(argument)
    if entity is None:
        return Reply(
            query, "no_answer", notice=f"The documents name nobody called “{argument[:80]}”."
        )
    facts = engine.quotes_of(entity)
    if not facts:
        return Reply(
            query,
            "no_answer",
            title=entity.display(),
            notice=f"The documents quote nothing said by {entity.name}.",
        )
    shown = facts[:QUOTE_FACTS]
    return Reply(
        query,
        "quote",
        title=f"Quotes: {entity.display()}",
        answers=tuple(engine.cite(f, 1.0) for f in shown),
        extra=_more(len(facts) - len(shown), f"/search {entity.name}"),
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

__all__ = ["HANDLERS", "dispatch", "parse"]
