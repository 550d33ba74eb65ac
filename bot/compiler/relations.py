"""Structured relations a sentence states, by regexes over its "shape".

The shape is the sentence with every name mention replaced by a placeholder \ue000N\ue001,
so one pattern ("E, led by E") covers every spelling of every name. Patterns are about
English phrasing (leader, allegiance, designation, area, former name, membership, quotes),
never about particular names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from bot.compiler.entities import STOPWORDS, Mention
from bot.compiler.gazetteer import (
    NOT_FIELD_WORDS,
    PERSON_NOUNS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)

E = r"\ue000(\d+)\ue001"
POSS = r"(?:’s|'s)?"
# text between a subject and its verb: no other name, unless possessive ("KIB’s Syrian wing")
GAP = r"(?:[^\ue000.;]|\ue000\d+\ue001(?:’s|'s))"
TITLE_WORDS = r"(?:[A-Z][\w.’'-]* ){0,3}"
LEADER_NOUN = r"(?:leader|head|chief|emir|amir|commander|founder|chairman|boss|ruler)"
LEADER_ADJ = r"(?:(?:former|current|top|supreme|overall|new|self-styled|de facto|spiritual|late) )?"
PLACEHOLDER = re.compile(E)
PLACEHOLDERS = tuple(f"\ue000{index}\ue001" for index in range(100))  # made once, not per sentence


# Found and Shape are made for every sentence with two names: plain classes with a typed
# __init__ are native under mypyc (a dataclass's generated __init__ runs as bytecode).
class Found:
    __slots__ = ("object", "subject", "type", "value")

    def __init__(self, type: str, subject: int, value: str, object: int | None = None) -> None:
        self.type = type
        self.subject = subject  # mention index
        self.value = value
        self.object = object

    def _fields(self) -> tuple[str, int, str, int | None]:
        return (self.type, self.subject, self.value, self.object)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Found) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Found(type={self.type!r}, subject={self.subject!r}, value={self.value!r}, "
            f"object={self.object!r})"
        )


class Shape:
    __slots__ = ("base", "hidden", "kinds", "mentions", "source", "text")

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        kinds: Sequence[str | None],
        source: str,
        base: int,
        *,
        hidden: Sequence[bool] = (),
    ) -> None:
        self.text = text  # the sentence with placeholders
        self.mentions = mentions  # the sentence's mentions, in order
        self.kinds = kinds  # the document's kind guess for each mention
        self.source = source  # the sentence text itself, for values
        self.base = base  # offset of the sentence in the document
        # mentions inside quotes or brackets: not the narrative's actors
        self.hidden = hidden

    def surface(self, index: int) -> str:
        return self.mentions[index].surface

    def link(self, kind: str, subject: int | str, obj: int | str) -> Found:
        """A relation between two mentions (indexes, or placeholder digits from a match),
        valued as the object is written."""
        return Found(kind, int(subject), self.surface(int(obj)), int(obj))

    def plain(self, start: int, end: int) -> str:
        """Shape text with placeholders put back as the names they stand for."""
        piece = self.text[start:end]
        if "\ue000" not in piece:  # most quotations name no one
            return piece.strip()
        parts: list[str] = []  # PLACEHOLDER.sub with a function, without making one per call
        cursor = 0
        for m in PLACEHOLDER.finditer(piece):
            parts.append(piece[cursor : m.start()])
            parts.append(self.surface(int(m.group(1))))
            cursor = m.end()
        parts.append(piece[cursor:])
        return "".join(parts).strip()


def build_shape(
    sentence: str, base: int, mentions: Sequence[Mention], kinds: Sequence[str | None]
) -> Shape:
    parts: list[str] = []
    cursor = 0
    for index, mention in enumerate(mentions):
        parts.append(sentence[cursor : mention.start - base])
        parts.append(PLACEHOLDERS[index] if index < len(PLACEHOLDERS) else f"\ue000{index}\ue001")
        cursor = mention.end - base
    parts.append(sentence[cursor:])
    return Shape("".join(parts), mentions, kinds, sentence, base)


# --- subject finding --------------------------------------------------------------------------

RELATIVE_CLAUSE = re.compile(rf"{E}{POSS}(?: in (?:the )?{E})*,? (?:which|who|that) ")
PARENTHETICAL = re.compile(
    rf",? (?:led|headed|founded|backed|based) by {TITLE_WORDS}{E},|\[[^\]]*\]|\([^)]*\)"
)


def subject_before(shape: Shape, position: int, *, allow_place: bool = False) -> int | None:
    """The grammatical subject of the verb at `position`, when it is clear."""
    clause_start = _clause_start(shape.text, position)
    window = shape.text[clause_start:position]
    relative = list(RELATIVE_CLAUSE.finditer(window))
    if relative:
        index = int(relative[-1].group(1))
        return _skip_places_back(shape, index, clause_start, allow_place)
    cleaned = PARENTHETICAL.sub(" ", window)
    candidates = [int(m.group(1)) for m in PLACEHOLDER.finditer(cleaned)]
    for index in reversed(candidates):
        if not allow_place and shape.kinds[index] == "place":
            continue
        tail = cleaned[cleaned.index(f"\ue000{index}\ue001") + len(f"\ue000{index}\ue001") :]
        if len(PLACEHOLDER.sub("X", tail).split()) <= 6:
            return index
        return None
    return None


def _skip_places_back(shape: Shape, index: int, floor: int, allow_place: bool) -> int | None:
    while index >= 0:
        mention_at = shape.text.find(f"\ue000{index}\ue001")
        if mention_at < floor:
            return None
        if allow_place or shape.kinds[index] != "place":
            return index
        index -= 1
    return None


# '[“"]|;|\b(?:while|whereas|but)\b', led by one character class so the regex engine skips to
# those characters instead of trying the words at every position
CLAUSE_BREAK = re.compile(
    r"[“\";wb](?:(?<=[“\";])|(?<!\w[wb])(?:(?<=w)hile|(?<=w)hereas|(?<=b)ut)\b)"
)


def _clause_start(text: str, position: int) -> int:
    starts = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, position)]
    return starts[-1] if starts else 0


LIST_ENDING_VERB = r"(?:is|was|are|were|be|been|has|have|had|said|says|told)"
# a list's words between names are no verb: "the province of Faryab, is Jumaboi Aka" ends it
LISTED_NAME = re.compile(
    rf"(?:,? (?:and |or )?(?:the )?(?:(?!{LIST_ENDING_VERB} )[a-z-]+ ){{0,3}}?){E}"
)
LIST_GOES_ON = re.compile(r",? (?:and |or )?(?:the )?\ue000")


def following_mentions(shape: Shape, position: int) -> list[int]:
    """Names listed right after `position`: "IJU, KTJ and IMU"."""
    found: list[int] = []
    cursor = position
    while True:
        match = LISTED_NAME.match(shape.text, cursor)
        if match is None:
            return found
        found.append(int(match.group(1)))
        cursor = match.end()
        if len(found) > 1 and not LIST_GOES_ON.match(shape.text, cursor):
            return found


# --- patterns ---------------------------------------------------------------------------------

Rule = Callable[[Shape], list[Found]]


# "Abu Yusuf Muhajir, the leader of KIB's Syrian wing"; "X, one of ... and leader of the Y"
LEADER_OF_AFTER = re.compile(
    rf"{E},{GAP}{{0,60}}?\b(?:the |its |a |and )?{LEADER_ADJ}{LEADER_NOUN} of (?:the )?"
    rf"(?:[a-z-]+ ){{0,2}}(?:{E}-[a-z]+ )?{E}"
)
# "Taliban leader Haibatullah Akhunzada"; "The TIP's emir, Abdul Haq al-Turkistani"
GROUP_LEADER_NAME = re.compile(
    rf"{E}{POSS},? {LEADER_ADJ}{LEADER_NOUN}(?: ([a-z]+))?,? {TITLE_WORDS}{E}"
)
# "IJU, led by Ilimbek Mamatov"; "the group is headed by X"
LED_BY = re.compile(
    rf"{E}\)?,? (?:which is |who is |is |was |are |were )?(?:being |now |currently )?"
    rf"(?:led|headed|commanded|run) by {TITLE_WORDS}{E}"
)
# "the leader of the Afghan wing of KIB, which ..., is Jumaboi Aka"
LEADER_OF_IS = re.compile(
    rf"\b{LEADER_NOUN} of (?:the )?(?:[\w-]+ ){{0,3}}?(?:of )?(?:the )?{E}{POSS}"
    rf"[^.;]{{0,150}}?,? "
    rf"(?:is|was) (?:the )?(?:aforementioned |late |current )?{TITLE_WORDS}{E}"
)
# "Zawahiri, who heads al-Qaeda"; "X became the leader of Y"; "X was named head of Y"
HEADS = re.compile(
    rf"{E},? (?:who |which )?(?:now |currently |still )?(?:heads|leads|led|headed|commands|"
    rf"commanded|runs|ran|founded|co-founded) (?:the )?{E}"
    rf"|{E},? (?:who |which )?(?:became|becomes|was named|was appointed|was elected|is|was|"
    rf"remains|served as|serves as) (?:the |its )?{LEADER_ADJ}{LEADER_NOUN} of (?:the )?{E}"
)
# "Mullah Omar, the Taliban's leader"; "al Qaeda and its leader Osama bin Laden"
NAME_THE_GROUPS_LEADER = re.compile(rf"{E}, (?:the )?{E}{POSS} {LEADER_ADJ}{LEADER_NOUN}\b")
AND_ITS_LEADER = re.compile(rf"{E} and its {LEADER_ADJ}{LEADER_NOUN},? {TITLE_WORDS}{E}")
# "The Taliban, whose leader is Haibatullah Akhunzada"
WHOSE_LEADER = re.compile(
    rf"{E},? whose {LEADER_ADJ}{LEADER_NOUN} (?:is|was) (?:the )?{TITLE_WORDS}{E}"
)
# "the leader of Hezb-e-Islami, Gulbuddin Hekmatyar," (not "..., Tohir Yuldash's deputy")
LEADER_OF_NAME = re.compile(
    rf"\b{LEADER_ADJ}{LEADER_NOUN} of (?:the )?{E}, {TITLE_WORDS}{E}(?=[,.;)]|$)"
)
# "Usman Ghazi replaced Tohir Yuldash as leader of the IMU"
SUCCEEDED_AS = re.compile(
    rf"{E},? (?:who )?(?:replaced|succeeded|replaces|succeeds) (?:the )?(?:late )?{E} as "
    rf"(?:the |its )?{LEADER_ADJ}{LEADER_NOUN} of (?:the )?{E}"
)
# "X, who met the leader of Y", "X, and the leader of Y, Z": a relative clause, or a name
# listed with X, before the noun says the leader is someone else; unless the clause says X is
# one ("X, who believes himself to be the leader of Y")
NOT_APPOSITION = re.compile(r"\b(?:who|whom|which|that)\b|^, and the\b")
COPULA = re.compile(r"\b(?:is|was|are|were|be|became|becomes|remains|remained)\b")


# What the leader patterns cannot match without, tested as substrings first: the rule fires on
# words as common as "led" (in "called"), and most of its patterns then find nothing.
LEADER_NOUNS: Final = tuple(LEADER_NOUN[3:-1].split("|"))
# HEADS's verbs, between spaces
HEADING_VERBS: Final = (
    " heads ",
    " leads ",
    " led ",
    " headed ",
    " commands ",
    " commanded ",
    " runs ",
    " ran ",
    " founded ",
    " co-founded ",
)


# "its UK chief executive X", "Vodafone's US boss Y": a country owned by a body is where the
# body's branch is, not what the title leads
BRANCH_OWNERS: Final = ("its ", "their ", "’s ", "'s ")


def national_branch(text: str, place_start: int, kind: str | None) -> bool:
    """Whether the place named at place_start is owned by a body, as its national branch."""
    return kind == "place" and text.endswith(BRANCH_OWNERS, 0, place_start)


# A noun after "chief" or "head" that makes them another office (the chief executive leads)
OTHER_OFFICE_NOUNS: Final = (ROLE_NOUNS | PERSON_NOUNS) - {"executive"}


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)  # mypyc makes this a plain loop


def has_noun_of(text: str) -> bool:
    """Whether a leader noun is followed by " of ": found at the few " of "s a sentence holds,
    rather than by a search for each noun's "noun of "."""
    at = text.find(" of ")
    while at >= 0:
        if text.endswith(LEADER_NOUNS, 0, at):
            return True
        at = text.find(" of ", at + 1)
    return False


def _leader(shape: Shape) -> list[Found]:
    found: list[Found] = []
    text = shape.text
    noun = _has_any(text, LEADER_NOUNS)
    noun_of = noun and has_noun_of(text)
    if noun_of:
        for m in LEADER_OF_AFTER.finditer(text):
            gap = text[m.end(1) + 1 : m.start(3)]  # after the person's closing \ue001
            if NOT_APPOSITION.search(gap) is None or (
                not gap.startswith(", and") and COPULA.search(gap) is not None
            ):
                found.append(shape.link("leader", m.group(3), m.group(1)))
        for m in LEADER_OF_NAME.finditer(text):
            if shape.kinds[int(m.group(2))] == "person":  # an apposition names a person
                found.append(shape.link("leader", m.group(1), m.group(2)))
        for m in SUCCEEDED_AS.finditer(text):
            found.append(shape.link("leader", m.group(3), m.group(1)))
    if noun:
        for m in GROUP_LEADER_NAME.finditer(text):
            if m.group(2) in OTHER_OFFICE_NOUNS:
                continue  # "EEF chief economist X", "Chelsea head coach Y": not who leads it
            if not national_branch(text, m.start(), shape.kinds[int(m.group(1))]):
                found.append(shape.link("leader", m.group(1), m.group(3)))
    if " by " in text:
        for m in LED_BY.finditer(text):
            found.append(shape.link("leader", m.group(1), m.group(2)))
    if noun_of and (" is " in text or " was " in text):
        for m in LEADER_OF_IS.finditer(text):
            found.append(shape.link("leader", m.group(1), m.group(2)))
    if noun_of or _has_any(text, HEADING_VERBS):
        for m in HEADS.finditer(text):
            person, group = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            found.append(shape.link("leader", group, person))
    if noun:
        for m in NAME_THE_GROUPS_LEADER.finditer(text):
            found.append(shape.link("leader", m.group(2), m.group(1)))
    if noun and " whose " in text:
        for m in WHOSE_LEADER.finditer(text):
            found.append(shape.link("leader", m.group(1), m.group(2)))
    if " and its " in text:
        for m in AND_ITS_LEADER.finditer(text):
            found.append(shape.link("leader", m.group(1), m.group(2)))
    return [f for f in found if _fits(shape, f, subject_not="person", object_not="place")]


ROLE_WORDS = (
    r"(?:(?:deputy|former|top|chief|senior|vice|acting|interim|founding|late) )*"
    r"(?:leader|emir|amir|commander|spokesman|spokeswoman|minister|president|chief|head|deputy|"
    r"deputies|founder|ideologue|envoy|ambassador|adviser|advisor|general|secretary|chairman|ceo)"
)


ROLE = re.compile(rf"{E}{POSS},? ({ROLE_WORDS}),? {TITLE_WORDS}{E}")


def _role(shape: Shape) -> list[Found]:
    found: list[Found] = []
    for m in ROLE.finditer(shape.text):
        found.append(Found("role", int(m.group(3)), m.group(2), int(m.group(1))))
    return [f for f in found if _fits(shape, f, subject_not="place", object_not="person")]


ALLEGIANCE_VERB = (
    r"(?:swore|sworn|swear|swears|pledged|pledges|pledge|claims|claimed|declared|declares|"
    r"maintains|maintained|renewed|reaffirmed)"
)
AFFILIATION = r"(?:backed|linked|affiliated|allied|aligned|sponsored|supported|loyal|inspired)"


PLEDGED_TO = re.compile(
    rf"\b{ALLEGIANCE_VERB}(?: [a-z]+){{0,3}} (?:allegiance|loyalty|bayat|bay'ah|fealty)"
    rf"(?: \[[^\]]*\])? to (?:both )?(?:the )?{E}(?:,? and (?:the )?{E})?"
)
# "Haqqani-affiliated X"; unhyphenated only when no object follows the word, for then it is a
# verb ("the court backed the Home Office's powers", "Democrats backed Tory demands")
AFFILIATED_NAME = re.compile(
    rf"{E}(?:-{AFFILIATION}\b| {AFFILIATION}\b(?! (?:the|a|an|his|her|its|their|with|by|to)\b"
    r"| \ue000))"
)
AFFILIATE_OF = re.compile(rf"{E}{POSS} (?:[a-z]+ )?affiliate,? {E}")
AFFILIATED_WITH = re.compile(rf"\b(?:affiliated|aligned|allied) with (?:the )?{E}")


def _allegiance(shape: Shape) -> list[Found]:
    found: list[Found] = []
    text = shape.text
    for m in PLEDGED_TO.finditer(text):
        subject = subject_before(shape, m.start())
        if subject is None:
            continue
        for group in (1, 2):
            if m.group(group) is not None:
                obj = int(m.group(group))
                found.append(shape.link("allegiance", subject, obj))
    for m in AFFILIATED_NAME.finditer(text):
        obj = int(m.group(1))
        for subject in following_mentions(shape, m.end()):
            found.append(shape.link("allegiance", subject, obj))
    for m in AFFILIATE_OF.finditer(text):
        found.append(shape.link("allegiance", m.group(2), m.group(1)))
    for m in AFFILIATED_WITH.finditer(text):
        subject = _nearest_before(shape, m.start())
        if subject is not None:
            found.append(shape.link("allegiance", subject, m.group(1)))
    return [f for f in found if _fits(shape, f, subject_not="place", object_not="place")]


def _nearest_before(shape: Shape, position: int) -> int | None:
    window = shape.text[max(0, position - 80) : position]
    indexes = [int(m.group(1)) for m in PLACEHOLDER.finditer(window)]
    for index in reversed(indexes):
        if shape.kinds[index] != "place":
            return index
    return None


DESIGNATE = r"(?:designated|listed|blacklisted|proscribed|banned|labelled|labeled|branded)"


DESIGNATES = re.compile(
    rf"{E} (?:has |had |have |formally |officially |also )*{DESIGNATE} (?:the )?{E}"
    rf"(?: (?:as|to the list of|on (?:its|the) list of|a|an) ([^.;]{{3,90}}))?"
)
DESIGNATED_BY = re.compile(
    rf"\b(?:was|were|is|are|has been|have been|had been|being) (?:formally |officially |also )?"
    rf"{DESIGNATE}(?: as)?([^.;]{{0,90}}?) by (?:the )?{E}"
)


# Verbs that designate only when an institution applies them to a group: a person who
# "branded the plan a fantasy" gives an opinion, a player "banned for two years" a sanction.
LOOSE_DESIGNATE = ("banned", "branded", "labelled", "labeled")


def _designation(shape: Shape) -> list[Found]:
    found: list[Found] = []
    text = shape.text
    for m in DESIGNATES.finditer(text):
        value = _designation_value(shape, m, 3)
        candidate = Found("designation", int(m.group(2)), value, int(m.group(1)))
        if not _loose_by_a_person(shape, m.group(0), candidate):
            found.append(candidate)
    for m in DESIGNATED_BY.finditer(text):
        subject = subject_before(shape, m.start())
        if subject is not None:
            value = _designation_value(shape, m, 1)
            candidate = Found("designation", subject, value, int(m.group(2)))
            if not _loose_by_a_person(shape, m.group(0), candidate):
                found.append(candidate)
    return [f for f in found if _fits(shape, f, subject_not="place", object_not=None)]


def _loose_by_a_person(shape: Shape, matched: str, found: Found) -> bool:
    if not any(verb in matched for verb in LOOSE_DESIGNATE):
        return False
    kinds = (
        shape.kinds[found.subject],
        shape.kinds[found.object] if found.object is not None else None,
    )
    return "person" in kinds


VALUE_END = re.compile(r" (?:on|in|since|by|after|for|because) ")
LEADING_ARTICLE = re.compile(r"^(?:an?|the) ")


def _designation_value(shape: Shape, match: re.Match[str], group: int) -> str:
    words = match.group(group)
    if not words:
        return "designated"
    start, end = match.span(group)
    value = shape.plain(start, end)
    value = VALUE_END.split(value)[0]
    value = LEADING_ARTICLE.sub("", value.strip(" ,"))
    return value or "designated"


AREA_VERB = (
    r"(?:operates?|operating|operated|based|active|present|fights?|fighting|fought|deployed|"
    r"stationed|headquartered|located|remains?|remained)"
)


OPERATES_IN = re.compile(
    rf"\b{AREA_VERB}(?: (?:mainly|primarily|mostly|largely|chiefly|also|now|still|only))? "
    rf"(?:in|across|throughout|inside) "
    rf"(?:both )?(?:the )?(?:[\w-]+ ){{0,4}}?(?:of )?(?:the )?{E}"
)


def _area(shape: Shape) -> list[Found]:
    found: list[Found] = []
    for m in OPERATES_IN.finditer(shape.text):
        subject = subject_before(shape, m.start())
        if subject is None:
            continue
        objects = [int(m.group(1)), *following_mentions(shape, m.end())]
        listed_with_place = False
        for obj in objects:
            # "Badakhshan, Sari Pul and Takhar": a name listed among places is a place too
            if obj == subject or (shape.kinds[obj] == "person" and not listed_with_place):
                continue
            listed_with_place = listed_with_place or shape.kinds[obj] == "place"
            found.append(shape.link("area", subject, obj))
    return [f for f in found if _fits(shape, f, subject_not="place", object_not=None)]


FORMER_NAME_CUE = re.compile(r"\b(?:name|formerly|previously|renamed|rebranded|known as)\b")


def find_former_names(shape: Shape) -> list[Found]:
    return _former_name(shape)


FORMER_NAME_OF = re.compile(
    rf"{E} \[(?:the |a |its )?(?:former|old|previous|original|earlier) name "
    rf"(?:of|for) (?:the )?{E}\]"
)
FORMERLY_KNOWN_AS = re.compile(
    rf"{E},? \(?(?:formerly|previously|once|originally|earlier) "
    rf"(?:known as|called|named) (?:the )?{E}"
)
RENAMED = re.compile(
    rf"{E} (?:was |has been |had been )?(?:renamed|rebranded)(?: as)? (?:the )?{E}"
)


def _former_name(shape: Shape) -> list[Found]:
    found: list[Found] = []
    text = shape.text
    for m in FORMER_NAME_OF.finditer(text):
        found.append(shape.link("former_name", m.group(2), m.group(1)))
    for m in FORMERLY_KNOWN_AS.finditer(text):
        found.append(shape.link("former_name", m.group(1), m.group(2)))
    for m in RENAMED.finditer(text):
        found.append(shape.link("former_name", m.group(2), m.group(1)))
    return found


MEMBER_ADJ = r"(?:(?:former|senior|founding|leading|prominent|longtime|key|ex-|active|permanent) )*"


MEMBER_OF = re.compile(
    rf"{E},? (?:who is |who was |is |was |also )?(?:a |an |the )?{MEMBER_ADJ}"
    rf"members? of (?:the )?"
    rf"(?:{E}{POSS} (?:[a-z]+ )?)?{E}"
)
JOINED = re.compile(
    rf"\b(?:belonged|belongs|belong|joined|joins|join|defected) to (?:the )?{E}"
    rf"|\b(?:joined|joins) (?:the )?{E}"
    rf"|\b(?:appointed|named|elected|made) (?:as )?(?:a |an )?{MEMBER_ADJ}member of (?:the )?"
    rf"(?:{E}{POSS} (?:[a-z]+ )?)?{E}"
)


def _member(shape: Shape) -> list[Found]:
    found: list[Found] = []
    text = shape.text
    for m in MEMBER_OF.finditer(text):
        obj = int(m.group(3))
        found.append(shape.link("member", m.group(1), obj))
    for m in JOINED.finditer(text):
        obj = int(next(g for g in reversed(m.groups()) if g is not None))
        subject = subject_before(shape, m.start())
        if subject is not None and subject != obj:
            found.append(shape.link("member", subject, obj))
    return [f for f in found if _fits(shape, f, subject_not="place", object_not="person")]


# "Brad Adams, from Human Rights Watch, said"; "Jessica Taylor from Liberty X": a person
# named with the body they come from (not their town: a place is no body; not a transfer:
# "signed Ashley Cole from Arsenal" tells where he left)
FROM_BODY = re.compile(rf"{E},? from (?:the )?{E}(?!['’]| [A-Z])")
TRANSFER_VERBS = re.compile(
    r"\b(?:sign|signs|signed|signing|buy|buys|bought|took|take|takes|lure|lured|loan|loaned|"
    r"recruit|recruited|poach|poached|snap up|snapped up|capture|captured|move|moved|bring|"
    r"brought|release|released|rescued|freed|kidnapped|expelled|deported|sacked|fired|"
    r"dismissed|removed|ousted|banned|excluded|dropped|withdrew|withdrawn)\b"
)


def _member_from(shape: Shape) -> list[Found]:
    """FROM_BODY's matches, tried only where a name closes right before a " from " (found by
    str.find), not searched for at every character of each of the many sentences with one."""
    found: list[Found] = []
    text = shape.text
    at = text.find(" from ")
    while at >= 0:
        closed = at - 1 if text[at - 1 : at] == "," else at
        m = None
        if text[closed - 1 : closed] == "\ue001":
            m = FROM_BODY.match(text, text.rfind("\ue000", 0, closed))
        at = text.find(" from ", at + 1)
        if m is None:
            continue
        person, body = int(m.group(1)), int(m.group(2))
        if shape.kinds[person] != "person" or shape.kinds[body] not in ("organization", None):
            continue
        if TRANSFER_VERBS.search(text, _clause_start(text, m.start()), m.start()):
            continue
        found.append(shape.link("member", person, body))
    return found


# "Jim Lanzone, vice president of search properties at Ask Jeeves, said"; "X, a telecoms
# analyst with Deutsche Bank,"; "Michael Foley, brother of James Foley,": a person's role told
# in lower case after the name, closed by a comma (or the sentence's end), with its body
APPOSED_ROLE = re.compile(
    rf"{E}, (?:the |a |an |its |their )?((?:[a-z][\w’'-]* ){{0,6}}?[a-z][\w’'-]*) "
    rf"(?:at|of|with|for) (?:the )?{E}(?=[,;.)]|$)"
)
# Who a person is by kin: told as the role ("Role: brother of James Foley"), with no owner,
# for a person is no body, and the kin's briefing would read the role as an office they hold.
KIN_NOUNS: Final = frozenset(
    [
        "brother",
        "sister",
        "son",
        "daughter",
        "father",
        "mother",
        "husband",
        "wife",
        "widow",
        "widower",
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
        "grandfather",
        "grandmother",
        "brother-in-law",
        "son-in-law",
    ]
)
APPOSITION_LINKS: Final = tuple(
    f" {w} {the}" for w in ("at", "of", "with", "for") for the in ("", "the ")
)
APPOSITION_REACH = 100  # characters from the comma to the body's name, at most
FIELD_WORDS_MAX = 2  # lower-case words before the role noun that name its field ("telecoms")
ROLE_OF_WORDS = ("of", "for")  # what may follow the role noun inside the title


def _apposed_roles(shape: Shape) -> list[Found]:
    """APPOSED_ROLE's matches, tried only where a name is followed by ", ", a lower-case letter
    and, soon, a link word right before the next name (found by str.find and endswith): most
    names followed by a comma are items of lists or open a clause."""
    found: list[Found] = []
    text = shape.text
    close = text.find("\ue001, ")
    while close >= 0:
        at = close
        close = text.find("\ue001, ", at + 1)
        if not ("a" <= text[at + 3 : at + 4] <= "z"):
            continue
        next_name = text.find("\ue000", at + 3, at + APPOSITION_REACH)
        if next_name < 0 or not text.endswith(APPOSITION_LINKS, at + 3, next_name):
            continue
        m = APPOSED_ROLE.match(text, text.rfind("\ue000", 0, at))
        if m is None:
            continue
        person, body = int(m.group(1)), int(m.group(3))
        if shape.kinds[person] != "person" or _names_the_holder_next(shape, m.end()):
            continue
        kin = shape.kinds[body] == "person"
        title = _role_title(m.group(2).split(), kin=kin)
        if title is None:
            continue
        if kin:  # the other person is named in the role
            found.append(Found("role", person, shape.plain(m.start(2), m.end())))
        else:
            found.append(Found("role", person, title, body))
    return found


def _names_the_holder_next(shape: Shape, end: int) -> bool:
    """ "X, the president of Y, Z, and W": in a list of people the title is the next one's."""
    after = LISTED_PERSON.match(shape.text, end)
    return after is not None and shape.kinds[int(after.group(1))] == "person"


LISTED_PERSON = re.compile(rf", {E}")


def _role_title(words: list[str], *, kin: bool) -> str | None:
    """The title a lower-case apposition states, or None when it states none: a role noun (or
    a kin noun, before a person) after its qualifiers and at most FIELD_WORDS_MAX field words,
    maybe followed by "of"/"for" and what it is in charge of."""
    nouns = KIN_NOUNS if kin else ROLE_NOUNS
    head = next((i for i, word in enumerate(words) if word in nouns), None)
    if head is None:
        return None
    end = head + 1
    while end < len(words) and words[end] in nouns:
        end += 1  # "chief executive"
    if not kin and words[end - 1] in LEADER_NOUNS:
        return None  # a leader is the leader relation's
    fields = [w for w in words[:head] if w not in ROLE_MODIFIERS]
    if len(fields) > FIELD_WORDS_MAX or any(
        w in NOT_FIELD_WORDS or w in STOPWORDS or not w.isalpha() for w in fields
    ):
        return None
    if end < len(words) and (kin or words[end] not in ROLE_OF_WORDS):
        return None
    return " ".join(words)


# A quotation may run on past its sentence: reporters close it sentences or paragraphs later.
QUOTE = re.compile(r"“([^“”]{12,})(?:”|$)|\"([^\"]{12,})(?:\"|$)")
SPEECH_WORDS = (
    rf"{SPEECH_VERBS}|saying|stating|according to|words|message|statements?|"
    r"assertions?|claims?|remarks?|comments?|warnings?|views?|concerned|believes?|fears?|"
    r"insistence|argument|conclusion|concludes|concluded"
)
SPEECH_BEFORE = re.compile(
    rf"(?:\b(?:{SPEECH_WORDS})\b"
    rf"[^\ue000“\"]{{0,40}}"
    r"|\b[Aa]ccording to (?:the )?\ue000\d+\ue001,?\s*"
    r"|:\s*)$"
)
SPEECH_AFTER_SUBJECT = re.compile(
    rf"^[,.]?\s*(?:(?P<pronoun>he|she)|{E}[^\ue000.]{{0,30}}?) (?:{SPEECH_VERBS})\b"
)
SPEECH_AFTER_VERB = re.compile(rf"^[,.]?\s*(?:{SPEECH_VERBS})\b")
# "…," Mr Rodgers said; "…," JP Morgan analyst John Ivankoe said; "…," Jane Doe, from the
# farmers' union, told …; "…," Acme's CEO, Jane Doe, told …: up to three title, role or
# owner words, then the speaker, maybe an aside between commas, then the verb.
SPEECH_AFTER_NAMED = re.compile(
    r"^[,.]?\s*(?:(?:\ue000\d+\ue001[\w.'’-]*|(?!(?:and|but|or|as|if|so|of|in|to|for|with|"
    r"while|when|after|because|that|which|who)\b)[A-Za-z][\w.'’-]*),? ){0,3}"
    rf"{E}(?:, [^,.;\"“”]{{1,60}},|,)? (?:{SPEECH_VERBS})\b"
)


PRONOUN_SPEAKER = re.compile(r"^\s*(?:[A-Z][^,\ue000]{0,40}, )?(?:he|she|He|She) [a-z]+")
# "Asked about X's plans, he replied:": the pronoun speaks, not a name in the clause before
PRONOUN_SPEAKS_LAST = re.compile(
    rf"\b(?:he|she|He|She) (?:{SPEECH_VERBS})\b[^\ue000“\"]{{0,40}}:\s*$"
)


# A quotation running over several sentences is closed in the last one but opened earlier
# (or, in captured pages, never): its words here run from the sentence start.
CLOSED_NOT_OPENED = re.compile(r"^([^“”\"]{12,}?[,.!?]?)”")


def closed_not_opened(text: str) -> int:
    """Where CLOSED_NOT_OPENED's closing mark is (its words are text[:that]), or -1: at the
    text's first quotation mark, if that closes one, by a search for each mark rather than the
    pattern's step per character."""
    close = text.find("”")
    if close < 12 or text.find("“", 0, close) >= 0 or text.find('"', 0, close) >= 0:
        return -1
    return close


def quotes(shape: Shape, previous_person: int | None) -> list[Found]:
    """Quoted words with their speaker; `previous_person` (-1: the antecedent) stands for "he"."""
    found: list[Found] = []
    close = closed_not_opened(shape.text)
    if close >= 0:
        words = shape.plain(0, close)
        speaker = _speaker_after(shape, close + 1, previous_person)
        if speaker is not None and _three_words(words):
            found.append(Found("quote", speaker, words))
    for m in QUOTE.finditer(shape.text):
        words = shape.plain(*m.span(1 if m.group(1) is not None else 2))
        if not _three_words(words):
            continue
        speaker = _speaker(shape, m.start(), m.end(), previous_person)
        if speaker is not None:
            found.append(Found("quote", speaker, words))
    return found


def _three_words(text: str) -> bool:
    """len(text.split()) >= 3, without splitting a long quotation into all its words (split
    stops after two: the rest, if any, is the third)."""
    return len(text.split(None, 2)) == 3


def _speaker(shape: Shape, open_at: int, close_at: int, previous_person: int | None) -> int | None:
    speaker = _speaker_after(shape, close_at, previous_person)
    if speaker is not None:
        return speaker
    return _speaker_before(shape, open_at, previous_person)


# A comma, a semicolon or a full stop, but not the stop of a title before a name ("said Mr.
# Smith, the envoy": the speaker is Smith).
TITLE_STOPS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sen", "Rep", "Gov", "St")
# (The stop is matched before the titles are looked behind at: led by a character class, the
# pattern is skipped to its three characters instead of looking behind at every position.)
CLAUSE_PUNCTUATION = re.compile(r"[,;]|\." + "".join(rf"(?<!\b{title}\.)" for title in TITLE_STOPS))


def _speaker_after(shape: Shape, close_at: int, previous_person: int | None) -> int | None:
    """ "“…,” said X", "“…,” X added", "“…” he continues"."""
    after = shape.text[close_at : close_at + 160]
    said = SPEECH_AFTER_SUBJECT.match(after)
    if said:
        if said.group("pronoun"):
            return previous_person
        speaker = int(said.group(2))
        return None if _titles_someone(shape, speaker) else speaker
    said = SPEECH_AFTER_NAMED.match(after)
    if said and shape.kinds[int(said.group(1))] != "place":
        return int(said.group(1))
    said_by = SPEECH_AFTER_VERB.match(after)
    if said_by:  # "…," said Wall Street Journal columnist Walter Russell Mead
        pieces = CLAUSE_PUNCTUATION.split(after[said_by.end() : said_by.end() + 120], maxsplit=2)
        indexes = [int(m.group(1)) for m in PLACEHOLDER.finditer(pieces[0])]
        people = [i for i in indexes if shape.kinds[i] == "person"]
        others = [i for i in indexes if shape.kinds[i] != "place"]
        titling = [i for i in others if _titles_someone(shape, i)]
        if titling and not people and len(pieces) > 1:
            # "said EEF chief economist, Steve Radley": the title's holder is named after it
            return _first_person(shape, pieces[1])
        others = [i for i in others if i not in titling]
        if people or others:
            return (people or others)[0]
    return None


def _first_person(shape: Shape, text: str) -> int | None:
    for m in PLACEHOLDER.finditer(text):
        if shape.kinds[int(m.group(1))] == "person":
            return int(m.group(1))
    return None


# "said the Chelsea star": a name before a person's noun says whose the unnamed speaker is,
# not who speaks; except one who speaks for it ("a Foreign Office spokesman said")
UNNAMED_SPEAKER_NOUNS: Final = (ROLE_NOUNS | PERSON_NOUNS) - {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
}
NEXT_WORD = re.compile(r" ([a-z][a-z-]*)")


def _titles_someone(shape: Shape, index: int) -> bool:
    """Whether a name that is no person's is followed by a noun for someone else it titles."""
    if shape.kinds[index] == "person":
        return False
    placeholder = PLACEHOLDERS[index] if index < len(PLACEHOLDERS) else f"\ue000{index}\ue001"
    at = shape.text.find(placeholder)
    word = NEXT_WORD.match(shape.text, at + len(placeholder)) if at >= 0 else None
    return word is not None and word.group(1) in UNNAMED_SPEAKER_NOUNS


def _speaker_before(shape: Shape, open_at: int, previous_person: int | None) -> int | None:
    """ "X said: “…”", "X's assertion that “…”", "According to X, “…”"."""
    before = shape.text[_clause_start(shape.text, open_at - 1) if open_at else 0 : open_at]
    if not SPEECH_BEFORE.search(before, _speech_reach(before, len(shape.mentions))):
        return None
    if PRONOUN_SPEAKER.match(before):
        return previous_person  # "He said: “...”"; "He told BBC Sport:" names no speaker
    pronoun = PRONOUN_SPEAKS_LAST.search(before)
    if pronoun is not None:
        if previous_person is not None:
            return previous_person  # "Asked about X's plans, he replied:"
        before = before[: pronoun.start()]  # "X has been in talks and he said:"
    # a person speaks before an organization; one not owning the noun after it first ("X's
    # lawyer, Y, said:" is Y; "X's report noted:" is X)
    owners: list[int] = []
    people: list[int] = []
    others: list[int] = []
    for m in PLACEHOLDER.finditer(before):
        index = int(m.group(1))
        kind = shape.kinds[index]
        if (shape.hidden and shape.hidden[index]) or kind == "place":
            continue
        if kind != "person":
            others.append(index)
        elif _possessive(before, m):
            owners.append(index)
        else:
            people.append(index)
    speakers = people or owners or others
    return speakers[0] if speakers else None


# SPEECH_BEFORE matches at the end of its text: a speech word then at most 40 characters, or
# "according to (the) NAME," or a colon, then spaces. Searched from where such a match can
# start at the earliest, not tried at every character of a long clause.
LONGEST_SPEECH_WORD = max(len(word.rstrip("?")) for word in SPEECH_WORDS.split("|"))


def _possessive(text: str, placeholder: re.Match[str]) -> bool:
    """ "X's lawyer, Y, said": a name that owns the noun after it is not the speaker."""
    return text.startswith(("'s", "’s"), placeholder.end())


def _speech_reach(before: str, mention_count: int) -> int:
    """The first position of `before` where SPEECH_BEFORE can start a match."""
    core = len(before)
    while core and before[core - 1].isspace():
        core -= 1
    # "$" also matches before a final newline; "according to the \ue000N\ue001," is 20
    # characters and the placeholder's digits
    earliest = min(len(before) - 41 - LONGEST_SPEECH_WORD, core - 20 - len(str(mention_count)))
    return max(0, earliest)


def _fits(shape: Shape, found: Found, *, subject_not: str | None, object_not: str | None) -> bool:
    if found.object is not None and found.object == found.subject:
        return False
    if subject_not and shape.kinds[found.subject] == subject_not:
        return False
    return not (found.object is not None and object_not and shape.kinds[found.object] == object_not)


# Each rule runs only when one of its words occurs (plain substring tests are the cheapest
# check there is): most sentences state no relation at all.
RULES: tuple[tuple[tuple[str, ...], Rule], ...] = (
    (
        (
            "leader",
            "head",
            "chief",
            "emir",
            "amir",
            "commander",
            "founder",
            "chairman",
            "boss",
            "ruler",
            "led",
            "leads",
            "run",
            "ran ",
            "command",
            "founded",
        ),
        _leader,
    ),
    (("’s", "'s"), _role),
    (
        (
            "allegiance",
            "loyalty",
            "bayat",
            "bay'ah",
            "fealty",
            "backed",
            "linked",
            "affiliat",
            "allied",
            "aligned",
            "sponsored",
            "supported",
            "loyal",
            "inspired",
        ),
        _allegiance,
    ),
    (
        (
            "designated",
            "listed",
            "blacklisted",
            "proscribed",
            "banned",
            "labelled",
            "labeled",
            "branded",
        ),
        _designation,
    ),
    (
        (
            "operat",
            "based",
            "active",
            "present",
            "fight",
            "fought",
            "deployed",
            "stationed",
            "headquartered",
            "located",
            "remain",
        ),
        _area,
    ),
    (("name", "formerly", "previously", "renamed", "rebranded", "known as"), _former_name),
    (("member", "belong", "join", "defected"), _member),
)


# Letters from rarest to commonest in English prose. Each cue word is looked for by its rarest
# letter: the regex engine skips to those few letters (about one in five) instead of trying
# a word at nearly every letter, and most sentences hold no cue word at all.
RARITY = "’'qzjxkvbpygfwmudclhrsnioate"
COMMON_LETTERS = set("lhrsnioate ")  # a word with only these is tested as a plain substring


def anchor_of(word: str) -> int:
    """Index of the word's rarest character."""
    return min(range(len(word)), key=lambda i: (RARITY.find(word[i]) % (len(RARITY) + 1), i))


def anchored_pattern(words: Iterable[str]) -> str:
    """Matches at the rarest character of any of the words, where the whole word occurs:
    "d(?:er(?<=leader)|(?<=ad)(?:(?<=head)))" for "leader" and "head".

    The letters after that character are matched first, and the whole word looked behind at
    only when they fit; words ending at the character are looked behind at only when the
    character before it fits (a lookbehind is the costliest step, run at each anchor letter)."""
    after: dict[str, list[str]] = {}
    ending: dict[str, list[str]] = {}
    before: dict[str, set[str]] = {}
    for word in words:
        at = anchor_of(word)
        char, rest = word[at], word[at + 1 :]
        if rest or not at:
            behind = f"(?<={re.escape(word)})" if at else ""
            after.setdefault(char, []).append(re.escape(rest) + behind)
        else:
            ending.setdefault(char, []).append(f"(?<={re.escape(word)})")
            before.setdefault(char, set()).add(word[at - 1])
    branches: list[str] = []
    for char in sorted(after.keys() | ending.keys()):
        alternatives = sorted(after.get(char, []))
        if char in ending:
            previous = "".join(re.escape(c) for c in sorted(before[char]))
            guard = f"(?<=[{previous}]{re.escape(char)})"
            alternatives.append(f"{guard}(?:{'|'.join(sorted(ending[char]))})")
        branches.append(f"{re.escape(char)}(?:{'|'.join(alternatives)})")
    return "|".join(branches)


def _rules_of_words() -> dict[str, frozenset[int]]:
    owners: dict[str, set[int]] = {}
    for number, (words, _rule) in enumerate(RULES):
        for word in words:
            owners.setdefault(word, set()).add(number)
    return {word: frozenset(rules) for word, rules in owners.items()}


RULES_OF_WORD = _rules_of_words()
PLAIN_CUES = tuple(w for w in RULES_OF_WORD if set(w) <= COMMON_LETTERS)  # "ran "
ANCHORED_CUES = [w for w in RULES_OF_WORD if w not in PLAIN_CUES]
ANY_CUE = re.compile(anchored_pattern(ANCHORED_CUES))


def _cues_at() -> dict[str, list[tuple[str, int]]]:
    """The words anchored on each character, with the anchor's index in the word."""
    found: dict[str, list[tuple[str, int]]] = {}
    for word in ANCHORED_CUES:
        found.setdefault(word[anchor_of(word)], []).append((word, anchor_of(word)))
    return found


CUES_AT = _cues_at()


def rules_cued(text: str) -> set[int]:
    """Indexes of the RULES one of whose words occurs in text."""
    fired: set[int] = set()
    for word in PLAIN_CUES:
        if word in text:
            fired |= RULES_OF_WORD[word]
    position = 0
    while len(fired) < len(RULES):
        hit = ANY_CUE.search(text, position)
        if hit is None:
            break
        at = hit.start()
        # every word anchored on this character, not only the one the pattern matched (a slice
        # compared, not startswith at an offset: a generic method call from mypyc code)
        for word, offset in CUES_AT[text[at]]:
            if at >= offset and text[at - offset : at - offset + len(word)] == word:
                fired |= RULES_OF_WORD[word]
        position = at + 1
    return fired


def find_relations(shape: Shape) -> list[Found]:
    text = shape.text
    # every relation links two names: a second placeholder is looked for, not all counted
    if text.find("\ue000", text.find("\ue000") + 1) < 0:
        return []
    # " from " is no cue of RULES: a plain substring test, not one more word for the cue
    # pattern to look for at every "f" of every sentence
    found = _member_from(shape) if " from " in text else []
    if "\ue001, " in text:
        found += _apposed_roles(shape)
    fired = rules_cued(text)
    if not fired:
        return found
    for number, (_words, rule) in enumerate(RULES):
        if number in fired:
            found.extend(rule(shape))
    return found
