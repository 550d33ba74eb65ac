"""How much a fact tells a briefing about an entity: whether the sentence is about it (its
subject, early on), says what it is, and holds relations, names, a date, a number."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.engine.commands.shared import QUESTION_END, excerpt_words, leans_on_before, written_at
from bot.engine.index import FactRow
from bot.engine.names import EntityInfo
from bot.engine.text import WORD, normalize_name, word_set

SUBJECT_WORDS = 2  # content words before the name that still leave it the sentence's subject
# Further in, a sentence is about someone else ("In addition to Usmanov's ties to Putin, he is
# also known to be a close ally of Kazakh President Tokayev" is about Usmanov).
NEAR_SUBJECT_WORDS = 6
# Opening words that leave the name after them the sentence's subject ("Moreover, China ...").
CONNECTIVES = word_set(
    "moreover however meanwhile furthermore indeed thus therefore still yet instead "
    "nevertheless nonetheless besides additionally similarly likewise consequently hence "
    "subsequently earlier later now"
)
# Words of a title before its holder's name ("boss Arsene Wenger", "chief executive Peter
# Kenyon", "UK Chancellor Gordon Brown"), any case; a verb ("China warned Japan") is none.
TITLE_WORDS = word_set(
    "president chancellor minister secretary prime foreign home interior defence defense "
    "finance trade health education justice chief executive financial operating officer "
    "general director chairman chairwoman chair leader spokesman spokeswoman spokesperson "
    "ambassador envoy governor senator mayor commander captain coach manager boss head deputy "
    "vice premier king queen prince founder owner striker defender midfielder goalkeeper "
    "keeper winger analyst economist official"
)
TITLE_SPAN = 3  # words of a title between a name and the name it qualifies
DEFINES_BONUS = 2.5
# After a name: an apposition or a copula that describes it ("X, an infamous magnate", "X is
# one of the largest", "X (HTS), the largest group"); a lower-case description, so "Russia,
# the US and China" is a list, not a definition.
DEFINITION_AFTER = re.compile(
    r"(?P<introduced>\s*[(\[][^)\]]{1,12}[)\]])?"
    r"(?:,\s+|\s+(?:is|was|remains)\s+)"
    r"(?:a|an|the|one of the|one of)\s+(?:[a-z]|[A-Z][\w-]*['’]s\s)"
)
CLAUSE_ONLY = word_set("while whereas although though because")


def named_as_subject(fact: FactRow, entity: EntityInfo) -> bool:
    at = _name_position(fact, entity)
    return at is not None and at <= SUBJECT_WORDS


def informative(fact: FactRow, entity: EntityInfo | None = None) -> float:
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
    rhetorical = bool(QUESTION_END.search(fact.excerpt))
    if entity is not None:
        at = _name_position(fact, entity)
        if at is not None and at <= SUBJECT_WORDS:
            score += 3.0
        elif subject_of and at is not None and at <= NEAR_SUBJECT_WORDS:
            score += 1.0  # its relation, in a sentence that opens on something else
        elif at is None:  # tagged, but not named: "Chinese", "its", a passing reference
            score -= 1.0
        defined_at = None if rhetorical else _defines(fact.excerpt, entity)
        if defined_at is not None:  # far into a sentence, a description is said in passing
            score += DEFINES_BONUS if defined_at <= NEAR_SUBJECT_WORDS else DEFINES_BONUS / 2
    if leans_on_before(fact.excerpt) or _fragment(fact.excerpt):
        score -= 2.0
    if rhetorical:
        score -= 3.0
    if len(fact.excerpt) > 400:
        score -= 2.0
    if fact.kind == "caption":
        score -= 3.0
    return score - fact.ordinal * 1e-9


def _defines(excerpt: str, entity: EntityInfo) -> int | None:
    """Where the excerpt says what the entity is, as it names it (in words from the start of
    its clause, so "Regarding its views, the KIB is the closest group" defines it early):
    "Alisher Usmanov, an infamous billionaire", "Hayat Tahrir al-Sham (HTS), the largest
    jihadist group", "Usmanov is one of Putin's favorite oligarchs"; None if it does not."""
    found: int | None = None
    for name in (entity.name, *entity.aliases):
        for at in written_at(excerpt, name):
            if found is not None and at >= found:
                break
            described = DEFINITION_AFTER.match(excerpt, at + len(name))
            if described and described.group("introduced"):
                return 0  # "the Islamic Movement of Uzbekistan (IMU), a group that ...":
                # a name introduced with its short form, then described, wherever it stands
            if described:
                found = at
                break
    if found is None:
        return None
    return len(WORD.findall(excerpt[excerpt.rfind(",", 0, found) + 1 : found]))


def defined_early(excerpt: str, entity: EntityInfo) -> bool:
    at = _defines(excerpt, entity)
    return at is not None and at <= NEAR_SUBJECT_WORDS


def _fragment(excerpt: str) -> bool:
    """A subordinate clause alone ("While Kazakhstan and Turkey have opted to ..."): the
    sentence it belongs to was split off."""
    first = excerpt_words(excerpt[:20])[:1]
    return bool(first) and first[0] in CLAUSE_ONLY and "," not in excerpt


def _name_position(fact: FactRow, entity: EntityInfo) -> int | None:
    """The word position at which the excerpt first writes one of the entity's names as a
    noun of its own, not counting an opening connective ("Moreover, China ..." is at 0).
    Whole words only: a demonym ("Kazakh President"), a possessive ("China's province") or
    a name before a title and its holder ("Arsenal boss Arsene Wenger says ...", a sentence
    about Wenger) or hyphened to another word ("the US-Taliban agreement") modifies another
    noun and does not count."""
    tokens = excerpt_words(fact.excerpt)
    spans = [m.span() for m in WORD.finditer(fact.excerpt)]
    raw = [fact.excerpt[a:b] for a, b in spans]
    skip = 0
    while skip < len(tokens) and (tokens[skip] in CONNECTIVES or tokens[skip] == "the"):
        skip += 1
    spelled = _spellings(entity.name, entity.aliases)
    firsts = {name[0] for name in spelled}
    for n in range(skip, len(tokens)):
        if tokens[n] not in firsts:
            continue
        for name in spelled:
            after = n + len(name)
            if (
                tuple(tokens[n:after]) == name
                and not (after < len(tokens) and tokens[after] == "s")
                and not (
                    len(raw) == len(tokens)
                    and (
                        _titles_a_name(raw, after)
                        or _in_compound(fact.excerpt, spans[n][0], spans[after - 1][1])
                    )
                )
            ):
                return n - skip
    return None


def _in_compound(excerpt: str, start: int, end: int) -> bool:
    """ "the US-Taliban agreement", "al Qaeda-affiliated groups": a name hyphened to another
    word is part of a modifier."""
    return excerpt[start - 1 : start] == "-" or excerpt[end : end + 1] == "-"


def _titles_a_name(raw: list[str], at: int) -> bool:
    """Whether the words from `at` are a title and then a capitalised name: "boss Arsene",
    "chief executive Peter", "Chancellor Gordon"."""
    for n in range(at, min(at + TITLE_SPAN, len(raw) - 1)):
        if raw[n].casefold() not in TITLE_WORDS:
            return False
        if raw[n + 1][:1].isupper() and raw[n + 1].casefold() not in TITLE_WORDS:
            return True
    return False


@lru_cache(maxsize=256)
def _spellings(name: str, aliases: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The entity's names as word tuples, as `words` reads an excerpt."""
    return frozenset(t for n in (name, *aliases) if (t := tuple(normalize_name(n).split())))
