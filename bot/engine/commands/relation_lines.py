"""A briefing's "Label: value" lines (Leader, Role, Member of, offices, ...) from the
entity's relations: which to show, in what order, and which a document puts in the past."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.engine.commands.shared import excerpt_words, written_at
from bot.engine.index import FactRow
from bot.engine.names import EntityInfo
from bot.engine.query import CUE_WORDS
from bot.engine.text import STOPWORDS, key, word_set

if TYPE_CHECKING:
    from bot.engine.engine import Engine

Relation = tuple[str, str, str | None, str]  # (type, subject, object, value)
MAX_LINES = 8
LINES_PER_LABEL = 3
FORMER_PER_LABEL = 2

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


def key_relations(engine: Engine, entity: EntityInfo, facts: list[FactRow]) -> list[Stated]:
    """The entity's relations as briefing lines: each value once, the ones most facts state
    first within a label (current before former), a value another one of its label spells
    out in full ("Minister" beside "Prime Minister") left out, at most LINES_PER_LABEL per
    label."""
    return _without_vaguer(_in_label_order(_stated_relations(engine, entity, facts)))[:MAX_LINES]


def _stated_relations(engine: Engine, entity: EntityInfo, facts: list[FactRow]) -> list[Stated]:
    """Each "Label: value" the facts state, once, with the facts that state it and those
    that put it in the past."""
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
    return list(found.values())


def _in_label_order(found: list[Stated]) -> list[Stated]:
    """The lines label by label in LABEL_ORDER, a value another one spells out in full left
    out, at most LINES_PER_LABEL current and FORMER_PER_LABEL former ones per label."""
    by_label: dict[str, list[Stated]] = {}
    for stated in found:
        by_label.setdefault(stated.label, []).append(stated)
    lines: list[Stated] = []
    for label in LABEL_ORDER:
        if label == OFFICE:  # the offices held in it, most stated first
            lines += _offices(found)
            continue
        values = by_label.get(label, [])
        values = [v for v in values if not _spelt_out_beside(v, values)]
        values.sort(key=_most_stated_first)
        lines += [v for v in values if not v.former][:LINES_PER_LABEL]
        lines += [v for v in values if v.former][:FORMER_PER_LABEL]  # shown apart, fewer
    return lines


def _most_stated_first(stated: Stated) -> tuple[bool, int, int]:
    """Current before former, then the value most facts state, then the first stated."""
    return (stated.former, -len(stated.facts), stated.first)


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
        key=_most_stated_first,
    )
    return offices[:LINES_PER_LABEL]


def _called_former(engine: Engine, excerpt: str, relation: Relation) -> bool:
    """Whether the excerpt puts the relation in the past where it names one side: "former
    Yukos boss X", "the Taliban's former Amir, Mullah X", "X, a former member of IMU",
    "ex-Foreign Minister X". The word after "former" must be the relation's own (a cue of
    its type, the other side's name, the role): in "the leader ... is X, a former member
    of IMU" X is no former leader."""
    rtype, subject, obj, value = relation
    if FORMER_WORDS.intersection(excerpt_words(value)):
        return False  # the value says so itself ("Role: former boss")
    subjects, objects = _names_of(engine, subject), _names_of(engine, obj)
    cues = FORMER_CUES.get(rtype, frozenset())
    for anchors, partners in ((subjects, [*objects, value]), (objects, subjects)):
        partner_keys = cues | {
            key(w) for n in partners for w in excerpt_words(n) if w not in STOPWORDS and len(w) > 1
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
        for at in written_at(excerpt, name):
            before = APPOSED_TITLE.sub("", excerpt[max(0, at - 80) : at])
            yield excerpt_words(CLAUSE_EDGE.split(before)[-1])[-FORMER_SPAN:]
            after = excerpt[at + len(name) : at + len(name) + 80]
            if after.startswith(","):
                yield excerpt_words(CLAUSE_EDGE.split(after[1:])[0])[: FORMER_SPAN + 2]


def _spelt_out_beside(stated: Stated, values: list[Stated]) -> bool:
    """Whether another value of the label holds all its words and more ("Prime Minister" for
    "Minister"): the shorter one is the longer one clipped, and says less."""
    mine = set(excerpt_words(stated.value))
    return any(other is not stated and mine < set(excerpt_words(other.value)) for other in values)


def _relation_line(engine: Engine, entity_id: str, relation: Relation) -> tuple[str | None, str]:
    """The label and value a relation gives the entity's briefing, read from its side (the
    subject's "Leader: X" is the object's "Leads: Y"); (None, "") for none to show."""
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
