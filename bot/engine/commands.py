"""Slash commands: /brief, /who, /timeline, /quote, /sources, /search, /help."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from rapidfuzz import fuzz, process

from bot.compiler.gazetteer import SPEECH_VERBS
from bot.engine.index import FactRow
from bot.engine.names import EntityInfo, Names, initials
from bot.engine.query import CUE_WORDS, parse
from bot.engine.text import (
    STOPWORDS,
    WORD,
    fold,
    has_date,
    key,
    normalize_name,
    starts_with_pronoun,
    word_set,
    words,
)
from bot.reply import Citation, Line, Reply, ReplyKind

Relation = tuple[str, str, str | None, str]  # (type, subject, object, value)

if TYPE_CHECKING:
    from bot.engine.engine import Engine

BRIEF_FACTS = 6
RELATION_FACTS = 4  # facts the key relations may cite: the rest are the most informative ones
MAX_LINES = 8
LINES_PER_LABEL = 3
FORMER_PER_LABEL = 2
MAX_ALIASES = 4
TIMELINE_FACTS = 10
QUOTE_FACTS = 5
SEARCH_FACTS = 5
SOURCE_ROWS = 30
SUBJECT_WORDS = 2  # content words before the name that still leave it the sentence's subject
# Further in, a sentence is about someone else ("In addition to Usmanov's ties to Putin, he is
# also known to be a close ally of Kazakh President Tokayev" is about Usmanov).
NEAR_SUBJECT_WORDS = 6
DUPLICATE_OVERLAP = 0.6  # share of word keys two facts may have in common and both be shown
CONNECTIVES = word_set(
    "moreover however meanwhile furthermore indeed thus therefore still yet instead "
    "nevertheless nonetheless besides additionally similarly likewise consequently hence "
    "subsequently earlier later now"
)
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
CLOSE_NAME = 80  # fuzz.ratio of a misspelt name to the one meant ("mourihno"/"mourinho": 87)
SUGGEST_CUTOFF = 75  # offered as "Closest names", never taken for the name
SUGGESTIONS = 3
DOMINANT = 3  # a part of several names stands for the one mentioned this many times more
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
# Where starts_with_pronoun looks (the first word, after a subordinator, after the first comma):
# without one of its words there, it need not fold the excerpt to say no.
MAYBE_PRONOUN = re.compile(
    r"(?i)(?:^\W*|,\W*|^\W*(?:if|when|while|although|though|because|as|after|before|since|"
    r"unless|once|until)\W+)(?:it|its|he|she|they|his|her|their|this|that|these|those|such)\b"
)
# A question or an exclamation ("Congratulations to Apple, a deserved win!") asserts nothing.
QUESTION_END = re.compile(r"[?!][\s”\"’']*$")
# "1700 GMT", "1700 local time": four digits that are a time of day
CLOCK_TIME = re.compile(
    r"\b([012]\d[0-5]\d)\s*(?:GMT|BST|UTC|CET|EST|EDT|PST|ET|local time|hours|hrs|h)\b"
)
YEAR = re.compile(r"^\d{4}$")

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
# Labels in the order a briefing gives them: who leads and what it is, then ties, then where.
OFFICE = "office:"  # the label of an office held in the entity, before its title
LABEL_ORDER = (
    "Leader",
    "Leads",
    OFFICE,
    "Role",
    "Member of",
    "Members",
    "Allegiance",
    "Allegiance from",
    "Designated",
    "Former name",
    "Area",
)
# The label of a relation every fact stating it puts in the past.
FORMER_LABELS = {
    "Leader": "Former leader",
    "Leads": "Formerly led",
    "Role": "Former role",
    "Member of": "Former member of",
    "Members": "Former members",
    "Allegiance": "Former allegiance",
    "Allegiance from": "Former allegiance from",
}
FORMER_WORDS = word_set("former formerly ex late erstwhile outgoing previous")
FORMER_HINT = re.compile(r"(?i)\b(?:former|formerly|ex|late|erstwhile|outgoing|previous)\b")
FORMER_SPAN = 4  # words between "former" and the name it qualifies: "former Yukos boss X"
CLAUSE_EDGE = re.compile(r"[,.;:!?()\[\]“”\"]")
# ", Mullah " between a title and the name it is in apposition to ("former Amir, Mullah X")
APPOSED_TITLE = re.compile(r",\s+(?:[A-Z][\w.]*\s+){0,2}$")
# Words that say which relation a "former" qualifies, beyond the compiler's cue words.
FORMER_CUES = {
    rtype: frozenset(key(w) for w in f"{CUE_WORDS.get(rtype, '')} {extra}".split())
    for rtype, extra in {
        "leader": "chairman executive founder manager president director captain coach",
        "member": "",
        "allegiance": "affiliate",
        "role": "",
    }.items()
}
# A relation whose object is of such a kind was misread: no person is an area, no place leads.
IMPLAUSIBLE_KINDS = {"area": ("person",), "leader": ("place",)}
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
    return Reply(
        query,
        "sources",
        title=f"{len(rows)} sources",
        rows=rows[:SOURCE_ROWS],  # a phone shows a page of them, not thousands of messages
        extra=_more(len(rows) - SOURCE_ROWS, "/search WORDS finds a document's facts"),
    )


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
        if not _near_duplicate(scored.fact, shown):
            shown.append(scored.fact)
            cites.append(engine.cite(scored.fact, scored.score))
    if not shown:
        return Reply(query, "no_answer", notice=f"No excerpt matches “{argument[:80]}”.")
    return Reply(
        query,
        "search",
        title=f"Search: {argument[:80]}",
        answers=tuple(cites),
        extra=_more(len(ordered) - len(shown), "add words to narrow the search"),
    )


def _more(count: int, hint: str) -> dict[str, object]:
    """How many facts were left out, and the command (or advice) that reaches them."""
    return {"more": count, "more_command": hint} if count > 0 else {}


def brief_reply(engine: Engine, argument: str, query: str, kind: ReplyKind = "brief") -> Reply:
    resolved = resolve(engine, argument)
    if resolved.entity is not None:
        return entity_brief(engine, resolved.entity, query, kind)
    close = _not_found(engine, argument, resolved)
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
    exact = engine.names.conn.execute(
        "SELECT 1 FROM aliases WHERE entity = ? AND norm = ? LIMIT 1", (entity.id, typed)
    ).fetchone()
    if exact is not None:
        return True
    return any(
        fuzz.ratio(typed, normalize_name(name)) >= CLOSE_NAME
        for name in (entity.name, *entity.aliases)
    )


def _names_holding(engine: Engine, argument: str) -> list[EntityInfo]:
    """The entities one of whose names holds every word typed ("Ansarullah" in "Jamaat
    Ansarullah"), most mentioned first. One scan of the names table, on a miss only."""
    typed = normalize_name(argument).split()
    longest = max(typed, key=len, default="")
    if len(longest) < 3:
        return []
    rows = engine.names.conn.execute(
        "SELECT norm, entity FROM aliases WHERE norm LIKE ?", (f"%{longest}%",)
    ).fetchall()
    ids = {entity for norm, entity in rows if set(typed) <= set(norm.split())}
    holders = [engine.names.entities[i] for i in ids if i in engine.names.entities]
    return sorted(holders, key=lambda e: (-e.facts, e.id))


def _not_found(engine: Engine, argument: str, resolved: Resolved) -> str:
    """What to say of a name no entity has: the names that hold it ("Several names hold
    “Union”: A, B, C."), else the closest ones."""
    if resolved.several:
        shown = ", ".join(h.name for h in resolved.several[: SUGGESTIONS + 2])
        return f"Several names hold “{argument[:80]}”: {shown}."
    return _closest_names(engine, argument)


# Every name of a fact base by its first letter, built on the first miss only.
_NAMES_BY_INITIAL: WeakKeyDictionary[Names, dict[str, list[str]]] = WeakKeyDictionary()


def _closest_names(engine: Engine, argument: str) -> str:
    """ "Closest names: A, B." for an argument that names nothing, when names are close.
    A misspelling keeps its first letter ("Mourihno"): only names sharing it are compared."""
    typed = normalize_name(argument)
    if len(typed) < 3:
        return ""
    names = engine.names
    if names not in _NAMES_BY_INITIAL:
        by_initial: dict[str, list[str]] = {}
        for (norm,) in names.conn.execute("SELECT DISTINCT norm FROM aliases"):
            by_initial.setdefault(norm[:1], []).append(norm)
        _NAMES_BY_INITIAL[names] = by_initial
    close = process.extract(
        typed,
        _NAMES_BY_INITIAL[names].get(typed[0], []),
        scorer=fuzz.ratio,
        limit=8,
        score_cutoff=SUGGEST_CUTOFF,
    )
    if not close:
        return ""
    marks = ",".join("?" * len(close))
    rows = names.conn.execute(
        f"SELECT entity FROM aliases WHERE norm IN ({marks}) ORDER BY facts DESC",
        [norm for norm, _score, _n in close],
    ).fetchall()
    shown = dict.fromkeys(names.entities[e].name for (e,) in rows if e in names.entities)
    return "Closest names: " + ", ".join(list(shown)[:SUGGESTIONS]) + "." if shown else ""


def entity_brief(engine: Engine, entity: EntityInfo, query: str, kind: ReplyKind) -> Reply:
    facts = engine.facts_about(entity)
    worth = {f.ordinal: _informative(f, entity) for f in facts}
    relations = _key_relations(engine, entity, facts)
    chosen: list[FactRow] = []
    for stated in relations:  # the facts that state the key relations, within a budget
        fact = _citing_fact(stated, chosen, worth)
        if fact not in chosen and len(chosen) < RELATION_FACTS:
            chosen.append(fact)
    for fact in sorted(facts, key=lambda f: -worth[f.ordinal])[: BRIEF_FACTS * 4]:
        if len(chosen) >= BRIEF_FACTS:
            break
        if fact not in chosen and not _near_duplicate(fact, chosen):
            chosen.append(fact)
    _definition_first(chosen, facts, entity, worth)
    _explanation_first(chosen, relations, _typed_alias(entity, query), worth)
    lines: list[Line] = []
    for stated in relations:  # a relation whose facts all missed the budget goes unsaid
        shown = [f for f in (stated.past or stated.facts) if f in chosen]
        if shown:
            fact = _citing_fact(Stated(stated.label, stated.value, shown, 0), chosen, worth)
            lines.append(Line(stated.shown_label, stated.value, chosen.index(fact)))
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
        extra=_more(len(facts) - len(chosen), f"/search {entity.name}"),
    )


def _definition_first(
    chosen: list[FactRow], facts: list[FactRow], entity: EntityInfo, worth: dict[int, float]
) -> None:
    """Open the briefing with what the entity is: the best fact that describes it where it
    names it ("X, an infamous billionaire, ..."), in place of the least informative fact
    chosen when none of them does."""
    defining = [
        f for f in facts if _defined_early(f.excerpt, entity) and not QUESTION_END.search(f.excerpt)
    ]
    if not chosen:
        return
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
    if _named_as_subject(chosen[0], entity):
        return
    subject = [f for f in chosen if _named_as_subject(f, entity)]
    if subject:
        best = max(subject, key=lambda f: worth[f.ordinal])
        chosen.remove(best)
        chosen.insert(0, best)


def _named_as_subject(fact: FactRow, entity: EntityInfo) -> bool:
    at = _name_position(fact, entity)
    return at is not None and at <= SUBJECT_WORDS


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
                best = max(shown, key=lambda f: worth[f.ordinal])
                chosen.remove(best)
                chosen.insert(0, best)
            return


@dataclass(slots=True)
class Stated:
    """One "Label: value" of a briefing and the facts that state it."""

    label: str
    value: str
    facts: list[FactRow]
    first: int  # ordinal of the first fact stating it, for a stable order
    relation: Relation | None = None  # the first one stating it
    # facts that call it past ("former leader X", "ex-Foreign Minister", "the late X"): said
    # once, it is past (a document can call a leader former only once he is)
    past: list[FactRow] = field(default_factory=list)

    @property
    def former(self) -> bool:
        return bool(self.past)

    @property
    def shown_label(self) -> str:
        if self.label.startswith(OFFICE):
            office = self.label.removeprefix(OFFICE)
            return f"Former {office[:1].lower()}{office[1:]}" if self.former else office
        return FORMER_LABELS.get(self.label, self.label) if self.former else self.label


def _citing_fact(stated: Stated, chosen: list[FactRow], worth: dict[int, float]) -> FactRow:
    """The fact a line cites: one that states it as it is shown (a former leader by a fact
    that calls him former), the most informative, one already cited if as good."""
    pool = stated.past or stated.facts
    return max(pool, key=lambda f: (worth[f.ordinal] + (f in chosen), -f.ordinal))


def _key_relations(engine: Engine, entity: EntityInfo, facts: list[FactRow]) -> list[Stated]:
    """The entity's relations as briefing lines: each value once, the ones most facts state
    first within a label (current before former), a value another one of its label spells
    out in full ("Minister" beside "Prime Minister") left out, at most LINES_PER_LABEL per
    label."""
    found: dict[tuple[str, str], Stated] = {}
    hinted = [f for f in facts if FORMER_HINT.search(f.excerpt)]  # the few that may say former
    may_say_former = {f.ordinal for f in hinted}
    for fact in facts:
        for relation in fact.relations:
            label, shown = _relation_line(engine, entity.id, relation)
            if label is None or not shown.strip():
                continue
            stated = found.setdefault(
                (label, shown.casefold()), Stated(label, shown, [], fact.ordinal, relation)
            )
            if stated.facts and stated.facts[-1].ordinal == fact.ordinal:
                continue  # facts come in reading order: a repeat is the last one
            stated.facts.append(fact)
            if (
                fact.ordinal in may_say_former
                and _can_be_former(label)
                and _called_former(engine, fact.excerpt, relation)
            ):
                stated.past.append(fact)
    for stated in found.values():
        if not stated.former and (stated.label == "Leader" or stated.label.startswith(OFFICE)):
            stated.past += _called_former_elsewhere(engine, stated, hinted)
    by_label: dict[str, list[Stated]] = {}
    for stated in found.values():
        by_label.setdefault(stated.label, []).append(stated)
    lines: list[Stated] = []
    for label in LABEL_ORDER:
        if label == OFFICE:  # the offices held in it, most stated first
            lines += _offices(found.values())
            continue
        values = by_label.get(label, [])
        values = [v for v in values if not _spelt_out_beside(v, values)]
        values.sort(key=lambda v: (v.former, -len(v.facts), v.first))
        lines += [v for v in values if not v.former][:LINES_PER_LABEL]
        lines += [v for v in values if v.former][:FORMER_PER_LABEL]  # shown apart, fewer
    return _without_vaguer(lines)[:MAX_LINES]


def _without_vaguer(lines: list[Stated]) -> list[Stated]:
    """A person an office line names ("Chief executive: Peter Kenyon") is not repeated as a
    plain "Leader", nor an office called "Leader" beside the leader line that names him."""

    def titled_leader(v: Stated) -> bool:
        return v.label.startswith(OFFICE) and v.label.removeprefix(OFFICE).casefold() == "leader"

    held = {
        v.value.casefold() for v in lines if v.label.startswith(OFFICE) and not titled_leader(v)
    }
    leaders = {v.value.casefold() for v in lines if v.label == "Leader"}
    return [
        v
        for v in lines
        if not (v.label == "Leader" and v.value.casefold() in held)
        and not (titled_leader(v) and v.value.casefold() in leaders)
    ]


def _called_former_elsewhere(
    engine: Engine, stated: Stated, hinted: list[FactRow]
) -> list[FactRow]:
    """Facts about the entity that call its leader former without stating the relation
    themselves: "praises the Taliban's former Amir, Mullah Mohammed Omar" beside "Mullah
    Omar, the Taliban's leader". `hinted`: the facts with a word like "former" at all."""
    if stated.relation is None:
        return []
    names = [n for n in _names_of(engine, stated.relation[2]) or [stated.value] if len(n) > 3]
    stating = {f.ordinal for f in stated.facts}
    return [
        f
        for f in hinted
        if f.ordinal not in stating
        and any(n in f.excerpt for n in names)
        and _called_former(engine, f.excerpt, stated.relation)
    ]


def _can_be_former(label: str) -> bool:
    return label in FORMER_LABELS or label.startswith(OFFICE)


def _offices(stated: Iterable[Stated]) -> list[Stated]:
    """Who holds which office in the entity ("President: X", "Foreign Minister: Y"), current
    holders first, one line per office, LINES_PER_LABEL lines."""
    by_office: dict[str, list[Stated]] = {}
    for v in stated:
        if v.label.startswith(OFFICE):
            by_office.setdefault(v.label.casefold(), []).append(v)
    offices = sorted(
        (v for held in by_office.values() for v in held if not _spelt_out_beside(v, held)),
        key=lambda v: (v.former, -len(v.facts), v.first),
    )
    return offices[:LINES_PER_LABEL]


def _called_former(engine: Engine, excerpt: str, relation: Relation) -> bool:
    """Whether the excerpt puts the relation in the past where it names one side: "former
    Yukos boss X", "the Taliban's former Amir, Mullah X", "X, a former member of IMU",
    "ex-Foreign Minister X". The word after "former" must be the relation's own (a cue of
    its type, the other side's name, the role): in "the leader ... is X, a former member
    of IMU" X is no former leader."""
    rtype, subject, obj, value = relation
    if FORMER_WORDS.intersection(_words(value)):
        return False  # the value says so itself ("Role: former boss")
    subjects, objects = _names_of(engine, subject), _names_of(engine, obj)
    cues = FORMER_CUES.get(rtype, frozenset())
    for anchors, partners in ((subjects, [*objects, value]), (objects, subjects)):
        partner_keys = cues | {
            key(w) for n in partners for w in _words(n) if w not in STOPWORDS and len(w) > 1
        }
        for window in _beside(excerpt, anchors):
            at = next((n for n, w in enumerate(window) if w in FORMER_WORDS), None)
            if at is not None and any(key(w) in partner_keys for w in window[at + 1 :]):
                return True
    return False


def _names_of(engine: Engine, entity_id: str | None) -> list[str]:
    named = engine.names.entities.get(entity_id) if entity_id else None
    if named is None:
        return []
    return [n for n in dict.fromkeys((named.name, *named.aliases)) if len(n) > 1]


def _beside(excerpt: str, names: list[str]) -> Iterator[list[str]]:
    """The words that qualify each place a name is written: the end of the clause before it
    (past a title in apposition: "former Amir, Mullah X") and an apposition after it."""
    for name in names:
        at = excerpt.find(name)
        while at >= 0:
            before = APPOSED_TITLE.sub("", excerpt[max(0, at - 80) : at])
            yield _words(CLAUSE_EDGE.split(before)[-1])[-FORMER_SPAN:]
            after = excerpt[at + len(name) : at + len(name) + 80]
            if after.startswith(","):
                yield _words(CLAUSE_EDGE.split(after[1:])[0])[: FORMER_SPAN + 2]
            at = excerpt.find(name, at + len(name))


def _spelt_out_beside(stated: Stated, values: list[Stated]) -> bool:
    """Whether another value of the label holds all its words and more ("Prime Minister" for
    "Minister"): the shorter one is the longer one clipped, and says less."""
    mine = set(_words(stated.value))
    return any(other is not stated and mine < set(_words(other.value)) for other in values)


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


def _relation_line(
    engine: Engine, entity_id: str, relation: tuple[str, str, str | None, str]
) -> tuple[str | None, str]:
    rtype, subject, obj, value = relation
    if subject == obj:
        return None, ""
    if subject == entity_id:
        label = SUBJECT_LABELS.get(rtype)
        named = engine.names.entities.get(obj) if obj else None
        if named is not None and named.kind in IMPLAUSIBLE_KINDS.get(rtype, ()):
            return None, ""  # "Area: Jumaboi Aka": the compiler took a person for a place
        if rtype == "designation":  # "as a terrorist organization", by whom
            return label, _designation(value, named)
        return label, (named.name if named and rtype not in ("role", "former_name") else value)
    if obj == entity_id:
        named = engine.names.entities.get(subject)
        if rtype == "role" and named is not None and value.strip():
            # "Kazakh President Kassym-Jomart Tokayev" in Kazakhstan's briefing: the office
            # as the label ("President: Kassym-Jomart Tokayev")
            return OFFICE + value[:1].upper() + value[1:], named.name
        return OBJECT_LABELS.get(rtype), (named.name if named else subject)
    return None, ""


def _designation(value: str, by: EntityInfo | None) -> str:
    """ "terrorist organization (by Harbor Council)": what the entity was designated as, and
    by whom; the designator alone would read as what it was designated."""
    if by is None:
        return value
    if not value or value == "designated":
        return f"by {by.name}"
    return f"{value} (by {by.name})"


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
    if _leans_on_before(fact.excerpt) or _fragment(fact.excerpt):
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
        at = excerpt.find(name) if len(name) > 1 else -1
        while at >= 0 and (found is None or at < found):
            described = DEFINITION_AFTER.match(excerpt, at + len(name))
            if described and described.group("introduced"):
                return 0  # "the Islamic Movement of Uzbekistan (IMU), a group that ...":
                # a name introduced with its short form, then described, wherever it stands
            if described:
                found = at
                break
            at = excerpt.find(name, at + len(name))
    if found is None:
        return None
    return len(WORD.findall(excerpt[excerpt.rfind(",", 0, found) + 1 : found]))


def _defined_early(excerpt: str, entity: EntityInfo) -> bool:
    at = _defines(excerpt, entity)
    return at is not None and at <= NEAR_SUBJECT_WORDS


def _fragment(excerpt: str) -> bool:
    """A subordinate clause alone ("While Kazakhstan and Turkey have opted to ..."): the
    sentence it belongs to was split off."""
    first = _words(excerpt[:20])[:1]
    return bool(first) and first[0] in CLAUSE_ONLY and "," not in excerpt


def _name_position(fact: FactRow, entity: EntityInfo) -> int | None:
    """The word position at which the excerpt first writes one of the entity's names as a
    noun of its own, not counting an opening connective ("Moreover, China ..." is at 0).
    Whole words only: a demonym ("Kazakh President"), a possessive ("China's province") or
    a name before a title and its holder ("Arsenal boss Arsene Wenger says ...", a sentence
    about Wenger) or hyphened to another word ("the US-Taliban agreement") modifies another
    noun and does not count."""
    tokens = _words(fact.excerpt)
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


def _words(text: str) -> list[str]:
    """`words(text)`, without decomposing accents when there are none (most excerpts): a
    briefing reads some hundreds of excerpts."""
    return WORD.findall(text.lower()) if text.isascii() else words(text)


def _leans_on_before(excerpt: str) -> bool:
    """`starts_with_pronoun`, asked only when a pronoun or subordinator is where it looks."""
    return bool(MAYBE_PRONOUN.search(excerpt, 0, 80)) and starts_with_pronoun(excerpt)


def _near_duplicate(fact: FactRow, chosen: list[FactRow]) -> bool:
    for other in chosen:
        union = fact.keys | other.keys
        if union and len(fact.keys & other.keys) / len(union) > DUPLICATE_OVERLAP:
            return True
    return False


def who_reply(engine: Engine, argument: str, query: str) -> Reply:
    return brief_reply(engine, argument, query, kind="who")


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
        extra=_more(len(facts) - len(shown), more),
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
        close = _not_found(engine, topic, resolved) or "Try /timeline with a name or a year."
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
        if QUESTION_END.search(fact.excerpt) or _leans_on_before(fact.excerpt):
            continue
        if _clock_time_for_year(fact):
            continue
        if not has_date(fact.excerpt):
            unstated.append(fact)
        elif not _near_duplicate(fact, kept):
            kept.append(fact)
    if kept:
        return kept
    for fact in unstated:
        if not _near_duplicate(fact, kept):
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


def quote_reply(engine: Engine, argument: str, query: str) -> Reply:
    resolved = resolve(engine, argument)
    entity = resolved.entity
    if entity is None:
        close = _not_found(engine, argument, resolved)
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
        extra=_more(len(said) - len(shown), f"/search {entity.name} said"),
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
        at = excerpt.find(name) if len(name) > 1 else -1
        while at >= 0:
            if SPEAKS_AFTER.match(excerpt, at + len(name)) or SPEAKS_BEFORE.search(
                excerpt, max(0, at - 60), at
            ):
                return True
            at = excerpt.find(name, at + len(name))
    return False


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
