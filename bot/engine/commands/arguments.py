"""The entity a command's argument names (its name, an alias, a misspelling, a part of one
name), and what to suggest when it names none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.engine.names import EntityInfo
from bot.engine.text import STOPWORDS, WORD, fold, normalize_name

if TYPE_CHECKING:
    from bot.engine.engine import Engine

CLOSE_NAME = 80  # fuzz.ratio of a misspelt name to the one meant ("mourihno"/"mourinho": 87)
SUGGEST_CUTOFF = 75  # offered as "Closest names", never taken for the name
SUGGESTIONS = 3
DOMINANT = 3  # a part of several names stands for the one mentioned this many times more


@dataclass(frozen=True, slots=True)
class Resolved:
    entity: EntityInfo | None
    several: tuple[EntityInfo, ...] = ()  # names that each hold the argument, when no one does


def resolve(engine: Engine, argument: str) -> Resolved:
    """The entity a command's argument names: its name, an alias, a misspelling of one
    ("tokaev", "Mourihno"), a part of one name only ("Ansarullah", "Haq"), or one name
    written with nothing else of substance ("the FCM"). A close match must be close to the
    whole argument: "Micheal Hovard" is no "EA", nor "Zanzibar Republic" the "Republic"."""
    found = engine.names.lookup(argument)
    if found is not None and _close_to(engine, argument, found):
        return Resolved(found)
    holders = _names_holding(engine, argument)
    if len(holders) == 1 or (holders and holders[0].facts >= DOMINANT * holders[1].facts):
        return Resolved(holders[0])
    if holders:
        return Resolved(None, tuple(holders))
    mentions = engine.names.find(argument, engine.known)
    if len(mentions) != 1 or not mentions[0].entity_ids:
        return Resolved(None)
    mention = mentions[0]
    tokens = WORD.findall(argument)
    outside = [
        w
        for n, w in enumerate(tokens)
        if not mention.start <= n < mention.end and fold(w) not in STOPWORDS
    ]
    return Resolved(None if outside else engine.names.entities.get(mention.entity_ids[0]))


def _close_to(engine: Engine, argument: str, entity: EntityInfo) -> bool:
    """The argument is one of the entity's names (a surname the index derived included), or
    a misspelling of one."""
    typed = normalize_name(argument)
    if entity.id in engine.names.named(typed):
        return True
    return any(
        fuzz.ratio(typed, normalize_name(name)) >= CLOSE_NAME
        for name in (entity.name, *entity.aliases)
    )


def _names_holding(engine: Engine, argument: str) -> list[EntityInfo]:
    """The entities one of whose names holds every word typed ("Ansarullah" in "Jamaat
    Ansarullah"), most mentioned first. One scan of the names table, on a miss only."""
    typed = normalize_name(argument).split()
    if len(max(typed, key=len, default="")) < 3:
        return []
    ids = engine.names.holding(typed)
    holders = [engine.names.entities[i] for i in ids if i in engine.names.entities]
    return sorted(holders, key=lambda e: (-e.facts, e.id))


def not_found_hint(engine: Engine, argument: str, resolved: Resolved) -> str:
    """What to say of a name no entity has: the names that hold it ("Several names hold
    “Union”: A, B, C."), else the closest ones."""
    if resolved.several:
        shown = ", ".join(h.name for h in resolved.several[: SUGGESTIONS + 2])
        return f"Several names hold “{argument[:80]}”: {shown}."
    return _closest_names(engine, argument)


def _closest_names(engine: Engine, argument: str) -> str:
    """ "Closest names: A, B." for an argument that names nothing, when names are close.
    A misspelling keeps its first letter ("Mourihno"): only names sharing it are compared."""
    typed = normalize_name(argument)
    if len(typed) < 3:
        return ""
    names = engine.names
    close = process.extract(
        typed,
        names.starting_with(typed[0]),
        scorer=fuzz.ratio,
        limit=8,
        score_cutoff=SUGGEST_CUTOFF,
    )
    if not close:
        return ""
    ids = names.by_mentions([norm for norm, _score, _n in close])
    shown = dict.fromkeys(names.entities[e].name for e in ids if e in names.entities)
    return "Closest names: " + ", ".join(list(shown)[:SUGGESTIONS]) + "." if shown else ""
