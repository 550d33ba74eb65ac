"""Name mentions in a sentence, by regex: capitalized sequences with name particles, acronyms.

A raw capitalized run ("Kazakh President Kassym-Jomart Tokayev") is parsed into what it holds:
a role's place or organization ("Kazakh" -> Kazakhstan), a title ("President", never part of a
name) and the name itself. Kind cues (titles, organization words, the place list, the words
around a mention) are collected as votes; the document and corpus decide the kind later.
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache
from typing import Any, Final, TypeVar

from bot.compiler.gazetteer import (
    COLLECTIVE_OWNERS,
    COMMON_ACRONYMS,
    EVENT_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    MONTH_ABBREVIATIONS,
    ORG_FIRST_WORDS,
    ORG_WORDS,
    OTHER_WORDS,
    PARTY_MEMBERS,
    PEOPLE_WORDS,
    PERSON_NOUNS,
    PLACE_WORDS,
    POSTNOMINALS,
    SURNAME_TITLES,
    TITLE_PHRASES,
    TITLE_QUALIFIERS,
    TITLES,
    VENUE_WORDS,
    WORK_NOUNS,
    countries,
    demonyms,
    normalize,
    places,
)

# The English words that follow a name after a hyphen ("Cold War-era", "New York-based"); a
# short lowercase syllable after one is a Korean or Chinese given name's ("Kim Jong-il", "Ban
# Ki-moon", "Tung Chee-hwa"), written as one word with its first.
HYPHEN_WORD: Final = (
    r"(?:[a-z]*ed|era|style|styled|type|wide|like|elect|run|born|made|held|built|bound|given"
    r"|level|size|sized|scale|free|rich|poor|only|long|old|year|day|week|time|term|owned"
    r"|led|backed|linked|and|or|of|to|the|with|for|on|off|out|up|down|over|is|are|was|have"
    r"|x|ray|rays|bomb|bombs|bill|bills|boat|boats|turn|think|issue|fare|lite|mania|lap|van"
    r"|class|zone|area|bloc|camp|law|laws|deal|deals|plan|plans|tax|fund|bank|war|wars"
    r"|ish|esque|proof|heavy|light|ready|savvy|happy|weary|wary|kind|sort|sized|shy|mad)"
)
# The abbreviations a name may open with ("Mrs.", "Gen."), after the capital that starts every
# name word: only tried where a dot follows a few lowercase letters.
ABBREVIATION_AFTER_CAPITAL: Final = (
    r"(?=[a-z]{1,3}\.)(?:(?<=M)rs?\.|(?<=M)s\.|(?<=D)r\.|(?<=P)rof\."
    r"|(?<=G)(?:en|ov)\.|(?<=S)(?:en|gt|t)\.|(?<=C)(?:ol|apt)\.|(?<=L)t\.|(?<=R)ev\.)"
)
# The patterns are written for the regex engine's cheap paths, as it tries one at every capital
# of every sentence: a group that is mostly absent is a branch with an empty alternative
# ("(?:'X|)", not "(?:'X)?"; a hyphen chain behind a lookahead for its hyphen), which the engine
# skips on its first character, where an optional or repeated group sets up a repeat each time.
# Every name word starts with a capital, matched before the alternatives, which then only look
# at what follows it.
NAME_WORD: Final = (
    rf"[A-Z](?:{ABBREVIATION_AFTER_CAPITAL}|\.(?:[A-Z]\.)+|\.(?= [A-Z])"
    r"|\w*(?:['’&][A-Z]\w*|)(?:(?=[-–])(?:[-–](?:[A-Z0-9]\w*|[a-z]{1,3}-[A-Z]\w*"
    rf"|(?!{HYPHEN_WORD}\b)[a-z]{{2,5}}\b(?!-)))+|))"
)
# The Arabic article as romanized: "al-", "el-", "ul-", and the forms it takes before a "sun
# letter" ("ash-Shabaab", "as-Sahab", "at-Tawhid", "az-Zawahiri", "an-Nusra", "ad-Din").
ARABIC_ARTICLE: Final = r"(?:[aeu]l|a(?:sh|dh|th|[dnrstz]))"
# The space every particle opens with is matched once, not once per particle; a capital after
# it is tried first (the common case), and the particles only before a letter one starts with.
PARTICLE: Final = (
    r"(?: (?:(?=[A-Z])|(?=[&abdeilouvw])(?:(?:&|al|el|bin|ibn|bint|abu|of|of the|de|del|della"
    rf"|der|den|van|von|da|dos|das|du|la|le|wal) |(?:{ARABIC_ARTICLE}|wal)-)))"
)
# The first name word is spelled out with a leading [A-Z] so the scan can skip to capitals fast.
FIRST_NAME_WORD: Final = (
    rf"[A-Z](?<![a-z][A-Z])(?:{ABBREVIATION_AFTER_CAPITAL}|\.(?:[A-Z]\.)+|\.(?= [A-Z])"
    r"|\w*(?:['’&][A-Z]\w*|)(?:(?=[-–])(?:[-–](?:[A-Z0-9]\w*|[a-z]{1,3}-[A-Z]\w*))+|))"
)
MENTION: Final = re.compile(rf"{FIRST_NAME_WORD}(?:{PARTICLE}{NAME_WORD})*")
# Only "al", "el", "ul" and "ad" stand apart from the name ("al Qaeda"): "at Tora Bora" is English.
LOWER_PREFIX: Final = re.compile(rf"(?<![\w-])(?:(?:[aeu]l|ad) |{ARABIC_ARTICLE}-)$")
ACRONYM: Final = re.compile(r"^(?:[A-Z][A-Z0-9&]*(?:-[A-Z0-9]+)*|(?:[A-Z]\.){2,})$")
PARTICLES: Final = frozenset(
    [
        "&",  # "Bradford & Bingley": one firm, as "Bank of England" is one
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "of",
        "the",
        "de",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "da",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "wal",
    ]
)
STOPWORDS: Final = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "without",
        "as",
        "since",
        "after",
        "before",
        "during",
        "while",
        "when",
        "where",
        "what",
        "who",
        "whom",
        "whose",
        "which",
        "why",
        "how",
        "if",
        "but",
        "and",
        "or",
        "nor",
        "so",
        "yet",
        "however",
        "also",
        "then",
        "thus",
        "therefore",
        "moreover",
        "furthermore",
        "meanwhile",
        "nevertheless",
        "nonetheless",
        "instead",
        "indeed",
        "still",
        "even",
        "though",
        "although",
        "today",
        "yesterday",
        "tomorrow",
        "now",
        "earlier",
        "later",
        "eventually",
        "finally",
        "first",
        "second",
        "third",
        "last",
        "next",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "many",
        "some",
        "all",
        "most",
        "both",
        "each",
        "every",
        "such",
        "other",
        "another",
        "several",
        "few",
        "more",
        "much",
        "no",
        "not",
        "any",
        "only",
        "just",
        "there",
        "here",
        "once",
        "until",
        "unless",
        "regarding",
        "judging",
        "according",
        "despite",
        "prior",
        "post",
        "approximately",
        "almost",
        "further",
        "hence",
        "rather",
        "perhaps",
        "besides",
        "overall",
        "again",
        "already",
        "like",
        "unlike",
        "whether",
        "whereas",
        "among",
        "amid",
        "between",
        "through",
        "under",
        "over",
        "about",
        "against",
        "along",
        "across",
        "around",
        "beyond",
        "toward",
        "towards",
        "upon",
        "within",
        "via",
        "per",
        "dear",
        "yes",
        "oh",
    ]
)
MONTHS: Final = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        *MONTH_ABBREVIATIONS,
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)

# Words of number and quantity that open names ("the All Blacks", "band No Doubt", "told Five
# Live", "Three Gorges Dam"): written with a capital inside a sentence, before another name
# word, they are the name's first word; at a sentence start they are taken for the sentence's.
# Only numbers, "all" and "no": "Some Cities", "Other Enhancements", "Most Reverend X" were
# no names in the corpora.
NAME_OPENING_STOPWORDS: Final = frozenset(
    ["all", "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
)
# Months that are also given names and surnames ("Theresa May", "April Smith", "Mrs May").
NAME_MONTHS: Final = frozenset(["april", "may", "june", "august"])
DATE_AFTER: Final = re.compile(r"[ \u00a0]\d")


class Mention:
    """One name mentioned in a sentence, with the kind cues found for it.

    A plain class, not a dataclass: one is made per name per sentence, and mypyc compiles
    this __init__ natively where it would run a dataclass's generated one as bytecode.
    """

    __slots__ = (
        "defined",
        "end",
        "initial",
        "key",
        "possessive",
        "quoted",
        "role_of",
        "role_of_key",
        "start",
        "surface",
        "title",
        "votes",
    )

    def __init__(  # noqa: PLR0917 - positional, as the dataclass it replaces took them
        self,
        start: int,  # offsets in the document text
        end: int,
        surface: str,
        key: str,
        votes: dict[str, float] | None = None,
        title: str | None = None,  # "President", "Foreign Minister"
        role_of: str | None = None,  # the place/organization a title belongs to, as written
        role_of_key: str | None = None,
        quoted: bool = False,  # inside a quotation or bracket: another voice, not the narrative
        possessive: bool = False,  # "Omar’s words": not the subject of its sentence
        initial: bool = False,  # first word of a sentence, where any word is capitalized
        # the long form an acronym is defined with: "Katibat Imam al-Bukhari (KIB)"
        defined: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.surface = surface
        self.key = key
        # Read only once made: a mention without context cues shares its parse's dict.
        self.votes: dict[str, float] = {} if votes is None else votes
        self.title = title
        self.role_of = role_of
        self.role_of_key = role_of_key
        self.quoted = quoted
        self.possessive = possessive
        self.initial = initial
        self.defined = defined

    def __repr__(self) -> str:
        return (
            f"Mention(start={self.start!r}, end={self.end!r}, surface={self.surface!r}, "
            f"key={self.key!r}, votes={self.votes!r}, title={self.title!r}, "
            f"role_of={self.role_of!r}, role_of_key={self.role_of_key!r}, "
            f"quoted={self.quoted!r}, possessive={self.possessive!r}, "
            f"initial={self.initial!r}, defined={self.defined!r})"
        )


_SHARED_LIMIT: Final = 200_000
Kept = TypeVar("Kept")


def _kept(memo: dict[str, Kept], key: str, value: Kept) -> Kept:
    """value, remembered under key while the memo is under its bound (a process compiles
    any number of documents; past the bound, answers are worked out again, not kept)."""
    if len(memo) < _SHARED_LIMIT:
        memo[key] = value
    return value


# Memos of the name functions asked per mention: plain dicts, because a call through
# functools.lru_cache is a generic, costly call from the mypyc-compiled build (it showed as ~1-2%
# of extraction), and a dict lookup is a native one. Bounded by _kept, as the shared parses are.
_ENTITY_KEYS: Final[dict[str, str]] = {}
_ACRONYMS: Final[dict[str, bool]] = {}
_PERSONAL_SHAPES: Final[dict[str, bool]] = {}
_INITIALS: Final[dict[str, str]] = {}


def entity_key(name: str) -> str:
    key = _ENTITY_KEYS.get(name)
    return _kept(_ENTITY_KEYS, name, _fold_name(name)) if key is None else key


def _fold_name(name: str) -> str:
    # Most names are runs of letters one space apart, which normalize only casefolds (and
    # strips a leading "the" from): told and folded without its replaces and regex.
    if (
        name.replace(" ", "").isalpha()
        and "  " not in name
        and not name.startswith(" ")
        and not name.endswith(" ")
    ):
        key = name.casefold()
        return key[4:] if key.startswith("the ") else key
    return normalize(name)


PLURAL_ACRONYM: Final = re.compile(r"[A-Z]{2,}s")


def is_acronym(word: str) -> bool:
    answer = _ACRONYMS.get(word)
    if answer is None:
        # most words asked are names, a capital and a lowercase letter: told without the regex
        found = (
            len(word) >= 2
            and "A" <= word[0] <= "Z"
            and not "a" <= word[1] <= "z"
            and ACRONYM.match(word) is not None
        )
        answer = _kept(_ACRONYMS, word, found and any(c.isalpha() for c in word))
    return answer


class _Template:
    """One mention a capitalized run parses into, at offsets within the run.

    What its occurrences test in the text around them that depends on the parse alone is
    decided here, once per distinct run, instead of once per occurrence.
    """

    __slots__ = (
        "adjectival",
        "descriptive",
        "end",
        "full",
        "groupable",
        "key",
        "month_last",
        "personal_words",
        "role_of",
        "role_of_key",
        "spaced",
        "start",
        "surface",
        "title",
        "unless_common",
        "votes",
    )

    def __init__(
        self,
        start: int,
        end: int,
        surface: str,
        key: str,
        *,
        title: str | None,
        role_of: str | None,
        votes: dict[str, float],
    ) -> None:
        self.start = start
        self.end = end
        self.surface = surface
        self.key = key
        self.title = title
        self.role_of = role_of
        self.role_of_key = entity_key(role_of) if role_of else None
        self.votes = dict(sorted(votes.items())) if len(votes) > 1 else votes  # read only: shared
        untitled = title is None
        # "Theresa May" may be "the Labour Party May 2005": a month, when a date number follows
        self.month_last = key.rsplit(" ", 1)[-1] in NAME_MONTHS
        # "Central Asian Salafi-Jihadi": a demonym may lead a description, not a name
        self.descriptive = untitled and not self.votes and " " in self.surface
        # "Salafi-Jihadi groups": only a run with no real cue can be a word describing a group
        self.groupable = untitled and (not votes or max(votes.values()) <= 0.5)
        self.adjectival = untitled and " " not in key and key.endswith(("ic", "ian"))
        self.spaced = " " in key
        self.full = self.spaced or bool(title)  # the words after it say nothing more
        # A run without cues may be a person's name, as the document's vocabulary decides
        self.personal_words = None if self.votes else _personal_name_words(self.surface)
        # the parse to use instead where the document uses a word of this one's name in
        # lowercase: "Lib Dem Home Affairs" is no member named "Home Affairs"
        self.unless_common: _Template | None = None


_SHARED_TEMPLATES: Final[
    dict[str, list[_Template]]
] = {}  # non-initial parses depend on the text alone


def find_mentions(
    text: str,
    start: int,
    end: int,
    vocabulary: Container[str],
    memo: dict[Any, Any] | None = None,
    *,
    countries_seen: list[str] | None = None,
) -> list[Mention]:
    """Mentions of names in the sentence text[start:end].

    Parsing a capitalized run is a pure function of its text (and, at a sentence start, of
    whether the document uses its first word in lowercase), so parses are shared by every
    document in the process; only context cues are per occurrence. `memo` keeps one document's
    answers (pass one dict for all its sentences). A run that is only a country's demonym
    ("Turkish drones") names nothing, but its country is appended to `countries_seen`.
    """
    found: list[Mention] = []
    memo = {} if memo is None else memo
    shared, leads = _SHARED_TEMPLATES, _SHARED_LEADS
    matches = MENTION.finditer(text, start, end)
    for match in matches:
        raw_start, raw_end = match.span()
        if raw_end < end and text[raw_end] in "'’" and _name_goes_on(text, raw_start, raw_end):
            # "People's Liberation Army": the next run, right after the possessive, is the
            # rest of this name, not a name of its own
            following = next(matches, None)
            if following is not None:
                raw_end = following.end()
        if raw_start == start:
            initial = True
        else:
            before = text[raw_start - 1]
            if raw_start - start >= 3 and (  # an Arabic article before it: its last letters
                (before == "-" and text[raw_start - 2] in "lhdnrstz")  # "al-", "ash-", "an-"
                or (before == " " and text[raw_start - 2] in "ld" and text[raw_start - 3] in "aeu")
            ):
                raw_start = _with_lower_prefix(text, start, raw_start)
            if (
                text[raw_start - 1] == " "
                and raw_start - start >= 2
                and text[raw_start - 2].isalnum()
            ):
                initial = False  # the common case, "... the Taliban": a word and a space before it
            else:
                initial = _sentence_initial(text, start, raw_start)
        raw = text[raw_start:raw_end]
        # a slice, not startswith at an offset: that is a generic method call from mypyc code
        if text[raw_end : raw_end + 5] == " and " and _shares_a_title(
            text, raw, raw_end, vocabulary
        ):
            continue
        if initial:
            lead = leads.get(raw)
            if lead is None:
                lead = _sentence_lead(raw)
            templates = lead.kept if lead.word is None else lead.templates(vocabulary)
        else:
            cached = shared.get(raw)
            templates = _shared_templates(raw) if cached is None else cached
        if not templates:
            if raw in CAPITALIZED_SURNAME_TITLES:
                _lone_title(text, raw_start, raw_end, memo, found)
                continue
            if countries_seen is not None:
                seen = _SHARED_COUNTRIES.get(raw)
                if seen is None:
                    seen = _shared_countries(raw)
                if seen:
                    countries_seen.extend(seen)
            continue
        for template in templates:
            mention = _occurrence(text, raw_start, template, vocabulary, memo)
            if mention is not None:
                mention.initial = initial and template.start == 0
                found.append(mention)
        # "Jong-il said": the run stopped before a syllable, see _extend_given_names (at a
        # sentence start only, where dropping a lone word would lose the name)
        if (
            initial
            and raw_end < end
            and text[raw_end] in "-–"
            and found
            and found[-1].end == raw_end
        ):
            memo.setdefault(HYPHENED, []).append(found[-1])
    return found


def _name_goes_on(text: str, raw_start: int, raw_end: int) -> bool:
    """Whether the name text[raw_start:raw_end] goes on past the possessive after it, into the
    run that starts right after it. A name a group of people own ("People's Liberation Army",
    "Workers' Party", "Women's Institute") or a day named for someone ("Valentine's Day", "New
    Year's Eve") is one; "Russia's Foreign Ministry" is two."""
    after = raw_end + 1
    if text.startswith("s", after):
        after += 1
    elif text.endswith("in", raw_start, raw_end) and text[after : after + 1] == " ":
        # "Blazin' Squad", "Dunkin' Donuts": a word with its "g" dropped, no owner
        return "A" <= text[after + 1 : after + 2] <= "Z"
    # the next run starts at the capital after the space: the only capital since the name
    if not (text.startswith(" ", after) and "A" <= text[after + 1 : after + 2] <= "Z"):
        return False
    gap = text.rfind(" ", raw_start, raw_end)
    if text[raw_start if gap < 0 else gap + 1 : raw_end].casefold() in COLLECTIVE_OWNERS:
        return True
    return text.startswith(("Day", "Eve"), after + 1) and not text[after + 4 : after + 5].isalnum()


# memo keys: the titles a document uses alone as a person's one-word name ("the singer
# Prince"), and the bare mentions of such titles, kept aside until the document shows them named
CUED_TITLES: Final = ("cued titles",)
LONE_TITLES: Final = ("lone titles",)
# memo key: the mentions a hyphen ends, for `extract._extend_given_names`
HYPHENED: Final = ("hyphened",)
CAPITALIZED_SURNAME_TITLES: Final = frozenset(title.capitalize() for title in SURNAME_TITLES)
AGE_AFTER: Final = re.compile(r", \d{1,3},")


def _lone_title(
    text: str, start: int, end: int, memo: dict[Any, Any], found: list[Mention]
) -> None:
    """ "The singer Prince", "Prince, 46, said": a title standing alone, with a cue only a
    person's name has (a person noun before it, an age after it), is a one-word name; its
    other mentions in the document are then that person too. Alone without a cue it is kept
    aside in the memo, for the document to decide (`extract._add_lone_titles`)."""
    raw = text[start:end]
    key = entity_key(raw)
    last, _previous = _words_before(text, start) if start else ("", "")
    # a person noun that is no rank ("chief", "deputy": "intelligence chief Prince Bandar")
    noun = last in PERSON_NOUNS and last not in TITLES and last not in TITLE_QUALIFIERS
    cued = noun or (last.casefold() != "the" and AGE_AFTER.match(text, end, end + 8) is not None)
    mention = Mention(start, end, raw, key, {"person": 2 if cued else 1})
    if cued:
        memo.setdefault(CUED_TITLES, set()).add(key)
        found.append(mention)
    else:
        memo.setdefault(LONE_TITLES, []).append(mention)


def _shares_a_title(text: str, raw: str, raw_end: int, vocabulary: Container[str]) -> bool:
    """ "Trade and Industry Secretary Patricia Hewitt": a department word before "and" and a
    title is the title's first part, no name."""
    if " " in raw:
        return False
    following = MENTION.match(text, raw_end + 5)
    if following is None:
        return False
    rest = following.group()
    templates = _SHARED_TEMPLATES.get(rest)
    if templates is None:
        templates = _shared_templates(rest)
    if not any(
        template.title is not None and rest.startswith(template.role_of or template.title)
        for template in templates
    ):
        return False
    word = raw.casefold()  # the vocabulary last: a word new to it is searched for in the text
    return word in TITLE_QUALIFIERS or word in vocabulary


def _with_lower_prefix(text: str, sentence_start: int, raw_start: int) -> int:
    """Where a run starts that a lowercase name particle opens ("al Qaeda", "al-Qaeda")."""
    prefix = LOWER_PREFIX.search(text, max(sentence_start, raw_start - 5), raw_start)
    return prefix.start() if prefix else raw_start


def _shared_templates(raw: str) -> list[_Template]:
    return _kept(_SHARED_TEMPLATES, raw, _templates(raw, False, ()))


def _only_template(raw: str) -> _Template | None:
    """The one mention a run parses into mid-sentence; None if it parses into none or several."""
    templates = _SHARED_TEMPLATES.get(raw)
    if templates is None:
        templates = _shared_templates(raw)
    return templates[0] if len(templates) == 1 else None


# The countries of runs that name nothing ("Turkish", a lone "The" at a sentence start): asked
# for every occurrence of one, so kept beside the shared parses rather than behind an lru_cache.
_SHARED_COUNTRIES: Final[dict[str, tuple[str, ...]]] = {}


def _shared_countries(raw: str) -> tuple[str, ...]:
    return _kept(_SHARED_COUNTRIES, raw, demonym_countries(raw))


@lru_cache(maxsize=65536)
def demonym_countries(raw: str) -> tuple[str, ...]:
    """ "Turkish", "the Turkish", "Russian-Uzbek": the countries; "Central Asian": none."""
    first, _, rest = raw.partition(" ")
    if rest and first.casefold() in STOPWORDS:
        return demonym_countries(rest)  # "Some Uzbek groups", "Many Turkish firms"
    key = entity_key(raw)
    country = demonyms().get(key)
    if country is not None:
        return (country,) if entity_key(country) in countries() else ()
    if "-" not in raw or " " in raw:
        return ()
    found = [demonyms().get(entity_key(part)) for part in re.split(r"[-–]", raw)]
    if all(found):
        return tuple(c for c in found if c and entity_key(c) in countries())
    return ()


class _Lead:
    """How a run's parse at a sentence start, where any word is capitalized, differs from its
    parse mid-sentence: only by dropping one leading word ("However Usmanov", "Analysts") if the
    document uses that word in lowercase. Which word, and both parses, depend on the run alone."""

    __slots__ = ("dropped", "kept", "raw", "rest", "word")

    def __init__(self, raw: str, kept: list[_Template], word: str | None, rest: int) -> None:
        self.raw = raw
        self.kept = kept
        self.word = word  # the folded word the vocabulary decides on; None: nothing to decide
        self.rest = rest  # where the run goes on without it
        self.dropped: list[_Template] | None = None  # parsed when a document first drops it

    def templates(self, vocabulary: Container[str]) -> list[_Template]:
        word = self.word
        if word is None or word not in vocabulary:
            return self.kept
        dropped = self.dropped
        if dropped is None:
            dropped = self.dropped = _parse(self.raw, self.rest, len(self.raw), False, ())
        return dropped


_SHARED_LEADS: Final[dict[str, _Lead]] = {}


def _sentence_lead(raw: str) -> _Lead:
    tokens = _tokens(raw, 0, len(raw))
    if len(tokens) > 1 and tokens[0][2].casefold() in NAME_OPENING_STOPWORDS:
        # "All eyes", "No one": the sentence's word, not a name's, here as in every document
        rest = tokens[1][0]
        return _kept(
            _SHARED_LEADS, raw, _Lead(raw, _parse(raw, rest, len(raw), False, ()), None, rest)
        )
    at = _common_word_at(tokens)
    word, rest = None, len(raw)
    if at is not None:
        token = tokens[at][2]
        word = token.casefold()
        rest = tokens[at + 1][0] if at + 1 < len(tokens) else len(raw)
        if word in places() or word in demonyms():
            word = None  # a place's name is no common word
        elif len(token) > 4 and word.endswith(("ing", "ly", "ed")):
            # "Speaking", "Reportedly": dropped in every document
            lead = _Lead(raw, _parse(raw, rest, len(raw), False, ()), None, rest)
            return _kept(_SHARED_LEADS, raw, lead)
    kept = _SHARED_TEMPLATES.get(raw)
    if kept is None:
        kept = _shared_templates(raw)
    return _kept(_SHARED_LEADS, raw, _Lead(raw, kept, word, rest))


def _common_word_at(tokens: list[tuple[int, int, str]]) -> int | None:
    """Which token _strip_edges asks _common_word about at a sentence start, if any."""
    for index, (_start, _end, word) in enumerate(tokens):
        lowered = word.casefold().rstrip(".")
        if lowered in PARTICLES and len(tokens) - index > 1 and word[0].islower():
            if lowered in ("al", "el"):
                return None
            continue
        if (
            lowered in STOPWORDS
            or lowered in MONTHS
            or lowered in PARTICLES
            or is_acronym(word)
            or _owner_in_name(word, tokens, index)
        ):
            return None
        return index
    return None


def _templates(raw: str, initial: bool, vocabulary: Container[str]) -> list[_Template]:
    return _parse(raw, 0, len(raw), initial, vocabulary)


def _occurrence(
    text: str,
    raw_start: int,
    template: _Template,
    vocabulary: Container[str],
    memo: dict[Any, Any],
) -> Mention | None:
    fallback = template.unless_common
    if fallback is not None and any(w in vocabulary for w in template.personal_words or ()):
        template = fallback
    start, end = raw_start + template.start, raw_start + template.end
    at = end  # where the words after the name, that cues are read from, start
    if template.month_last and DATE_AFTER.match(text, at, at + 24):
        # "the Labour Party May 2005": the month starts a date, not a surname
        surface = template.surface
        if " " not in surface or template.title is not None:
            return None
        inner = _only_template(surface[: surface.rindex(" ")])
        if inner is None:
            return None
        template = inner
        start, end = start + inner.start, start + inner.end
        at = end
    if template.descriptive and text.startswith(" ", at) and "a" <= text[at + 1 : at + 2] <= "z":
        # "Central Asian Salafi-Jihadi groups", "Russian Black Sea port": a description
        # led by a demonym; the name, if any, is what follows the demonym
        surface = template.surface
        trimmed = _without_demonym(surface)
        if trimmed != surface:
            start += len(surface) - len(trimmed)
            inner = _only_template(trimmed)
            if inner is None:
                return None
            template = inner
            start, end = start + inner.start, start + inner.end
            if not inner.votes and not inner.spaced:
                return None  # "Uzbek Jihadists media center": no name left
    after = _cue_after(text, at)
    if after == "group" and template.groupable:
        return None  # "Salafi-Jihadi groups": a word describing a group, not a name
    if template.adjectival and text.startswith(" ", at) and text[at + 1 : at + 2].islower():
        return None  # "Islamic government": an adjective, not a name
    votes = _vote_by_context(template.votes, text, start, after, template)
    if not votes and template.personal_words is not None:
        personal = memo.get(template.surface)
        if personal is None:
            personal = memo[template.surface] = not any(
                word in vocabulary for word in template.personal_words
            )
        if personal:
            votes = {"person": 0.5}  # "Alexei Navalny": no word of it a common word
    return Mention(
        start,
        end,
        template.surface,
        template.key,
        votes,
        template.title,
        template.role_of,
        template.role_of_key,
        False,
        text[at : at + 1] in ("’", "'"),  # "Omar’s words"
    )


@lru_cache(maxsize=65536)
def _without_demonym(surface: str) -> str:
    words = surface.split(" ")
    for size in (2, 1):
        if len(words) > size and entity_key(" ".join(words[:size])) in demonyms():
            return " ".join(words[size:])
    return surface


def _sentence_initial(text: str, sentence_start: int, position: int) -> bool:
    if (
        position - 2 >= sentence_start
        and text[position - 1] == " "
        and text[position - 2].isalnum()
    ):
        return False  # the common case, "... the Taliban": a word and a space before it
    before = text[sentence_start:position]
    stripped = before.rstrip(" \"'“‘([")
    return not stripped.strip("—–-: ") or stripped.endswith((":", "“", "—", "–", ".", "!", "?"))


def _parse(
    text: str, start: int, end: int, initial: bool, vocabulary: Container[str]
) -> list[_Template]:
    tokens = _strip_edges(_tokens(text, start, end), initial, vocabulary, opening=not initial)
    if not tokens:
        return []
    if len(tokens) > 2 and tokens[-1][2].casefold() in POSTNOMINALS:
        # "Nicholas Blake QC": honours only a person has after their name
        return _build(text, tokens[:-1], None, None, vocabulary, person=True)
    title_at = _find_title(tokens)
    if (
        title_at is None
        and len(tokens) > 1
        and tokens[0][2].casefold() in PERSON_NOUNS
        and _titles_a_name([t[2].casefold() for t in tokens[1:]], particle_first=True)
    ):
        title_at = (0, 0, 1)  # "Analyst Jane Miller", not "Executive Committee"
    role_of: str | None = None
    title: str | None = None
    if title_at is not None:
        title_start, title_end, named_from = _whole_title(tokens, *title_at)
        title = " ".join(t[2] for t in tokens[title_start:title_end])
        prefix = _strip_edges(tokens[:title_start], False, vocabulary)
        if all(t[2].casefold() in TITLES for t in prefix):
            prefix = []  # "Chairman of President George H.W. Bush": a title names no owner
        if title_end < len(tokens) and tokens[title_end][2] == "of":
            # "Secretary General of the United Nations": a role, and the body it belongs to
            owner = _strip_edges(tokens[title_end + 1 :], False, vocabulary)
            return _split_compounds(text, owner, vocabulary) if owner else []
        tokens = _strip_edges(tokens[named_from:], False, vocabulary, titled=True)
        if prefix:
            role_of = text[prefix[0][0] : prefix[-1][1]]
            mentions = (
                []
                if entity_key(role_of) in demonyms()
                else _build(text, prefix, None, None, vocabulary)
            )
        else:
            mentions = []
        if not tokens:
            return mentions
        person_of = (
            _person_of_organization(tokens, titled=True)
            if text.find(" of ", start, end) >= 0
            else None
        )
        if person_of is not None:  # "Lt Col Eric Schnaible of the PCO", "King Abdullah of Jordan"
            if person_of[0]:
                mentions += _build(text, person_of[0], title, role_of, vocabulary)
            return mentions + _split_compounds(text, person_of[1], vocabulary)
        mentions += _build(text, tokens, title, role_of, vocabulary)
        return mentions
    person_of = _person_of_organization(tokens) if text.find(" of ", start, end) >= 0 else None
    if person_of is not None:  # "Grant Wilson of Mellon Bank": a person, and where they work
        person, organization, employed = person_of
        named = _build(text, person, None, None, vocabulary, person=employed) if person else []
        return named + _split_compounds(text, organization, vocabulary)
    whole = _split_compounds(text, _strip_qualifiers(tokens), vocabulary)
    member = _party_member(tokens)
    if member is not None and len(whole) == 1:
        named = _build(text, member, None, None, vocabulary, person=True)
        if len(named) == 1:
            named[0].personal_words = _personal_name_words(named[0].surface)
            named[0].unless_common = whole[0]
            return named
    return whole


def _party_member(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]] | None:
    """ "Tory Liam Fox", "Liberal Democrat Charles Kennedy": the name after a party member's
    word, when it has a person's name shape (the document's vocabulary decides the rest)."""
    if tokens[0][2].casefold() not in PARTY_MEMBERS and (
        len(tokens) < 2 or f"{tokens[0][2]} {tokens[1][2]}".casefold() not in PARTY_MEMBERS
    ):
        return None  # most runs: told by one or two set lookups
    for size in (2, 1):
        rest = tokens[size:]
        if len(rest) < 2 or entity_key(" ".join(t[2] for t in tokens[:size])) not in PARTY_MEMBERS:
            continue
        if rest[0][2].casefold() in TITLE_QUALIFIERS:
            continue  # "Lib Dem Home Affairs spokesman": a portfolio, a title's start
        name = " ".join(t[2] for t in rest)
        if _personal_name_words(name) is not None and personal_name_shape(entity_key(name)):
            return rest
    return None


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of text[start:end] with their offsets in text: the runs a regex \\S+ finds, as
    str.split splits at the same whitespace."""
    piece = text[start:end]
    tokens: list[tuple[int, int, str]] = []
    words = piece.split()
    spelled = len(words) - 1
    for word in words:
        spelled += len(word)
    if spelled == len(piece):
        # one separator between words, and none at the edges: a MENTION run always is so
        for word in words:
            tokens.append((start, start + len(word), word))
            start += len(word) + 1
        return tokens
    at = 0
    for word in words:
        at = piece.index(word, at)
        tokens.append((start + at, start + at + len(word), word))
        at += len(word)
    return tokens


def _strip_edges(
    tokens: list[tuple[int, int, str]],
    initial: bool,
    vocabulary: Container[str],
    *,
    titled: bool = False,
    opening: bool = False,
) -> list[tuple[int, int, str]]:
    while tokens:
        word = tokens[0][2]
        lowered = word.casefold().rstrip(".")
        if opening and lowered in NAME_OPENING_STOPWORDS and _opens_a_name(word, tokens):
            break
        if lowered in PARTICLES and len(tokens) > 1 and (word[0].islower() or word == "&"):
            if lowered in ("al", "el"):
                break
            tokens = tokens[1:]
            continue
        if titled and lowered in NAME_MONTHS:
            break  # "Mrs May": a title names a person, not a month
        if lowered in STOPWORDS or (lowered in MONTHS and not _given_name_month(word, tokens)):
            tokens = tokens[1:]
            initial = False
            continue
        if (
            initial
            and not is_acronym(word)
            and lowered not in PARTICLES
            and not _owner_in_name(word, tokens, 0)
            and _common_word(word, vocabulary)
        ):
            tokens = tokens[1:]
            initial = False
            continue
        break
    while tokens and (tokens[-1][2].casefold() in PARTICLES or tokens[-1][2].casefold() in MONTHS):
        if _month_as_surname(tokens) or (titled and tokens[-1][2].casefold() in NAME_MONTHS):
            break
        tokens = tokens[:-1]
    return tokens


def _opens_a_name(word: str, tokens: list[tuple[int, int, str]]) -> bool:
    """ "All Blacks", "No Way Out": a capitalized quantity word before a name word that is no
    stopword ("No Way", not "All The")."""
    if len(tokens) < 2 or not word[0].isupper() or word.isupper() or word.endswith("."):
        return False
    following = tokens[1][2]
    return following[0].isupper() and following.casefold() not in STOPWORDS


def _given_name_month(word: str, tokens: list[tuple[int, int, str]]) -> bool:
    """ "Jan Smith": a month's short form, undotted, before a name word is a given name; a
    date's day would follow it as a number, outside the run."""
    if word.casefold() not in MONTH_ABBREVIATIONS or len(tokens) < 2:
        return False
    following = tokens[1][2].casefold()
    return not (
        following in MONTHS
        or following in STOPWORDS
        or following in PARTICLES
        or following in TITLES
        or is_acronym(tokens[1][2])
    )


def _owner_in_name(word: str, tokens: list[tuple[int, int, str]], index: int) -> bool:
    """ "People's" before more of a run: the run was joined past a possessive, as one name."""
    return index + 1 < len(tokens) and word.endswith(("'s", "’s", "'", "’"))


def _month_as_surname(tokens: list[tuple[int, int, str]]) -> bool:
    """ "Theresa May": a name-month after a capitalized given name is the surname (a date's
    number after it is checked where the following text is known)."""
    if len(tokens) < 2 or tokens[-1][2].casefold() not in NAME_MONTHS:
        return False
    before = tokens[-2][2]
    lowered = before.casefold().rstrip(".")
    return (
        before[:1].isupper()
        and lowered not in MONTHS
        and lowered not in STOPWORDS
        and lowered not in PARTICLES
        and not is_acronym(before)
    )


def _common_word(word: str, vocabulary: Container[str]) -> bool:
    lowered = word.casefold()
    if lowered in places() or lowered in demonyms():
        return False
    return lowered in vocabulary or (len(word) > 4 and lowered.endswith(("ing", "ly", "ed")))


TITLE_STARTS: Final = TITLES | {phrase[0] for phrase in TITLE_PHRASES}
# The title phrases a word may begin, longest first as in TITLE_PHRASES.
PHRASES_BY_FIRST_WORD: Final[dict[str, tuple[tuple[str, ...], ...]]] = {
    first: tuple(phrase for phrase in TITLE_PHRASES if phrase[0] == first)
    for first in {phrase[0] for phrase in TITLE_PHRASES}
}


def _find_title(tokens: list[tuple[int, int, str]]) -> tuple[int, int, int] | None:
    """The last title in the run (so "Council President Charles Michel" splits before the name),
    and where the titles it directly follows start ("Attorney General Lord Goldsmith")."""
    words = [t[2].casefold() for t in tokens]
    if TITLE_STARTS.isdisjoint(words):
        return None
    found: tuple[int, int] | None = None
    chain = 0
    index = 0
    while index < len(words):
        size = 0
        for phrase in PHRASES_BY_FIRST_WORD.get(words[index], ()):
            if tuple(words[index : index + len(phrase)]) == phrase:
                size = len(phrase)
                break
        else:
            if words[index] in TITLES and not (
                words[index] in SURNAME_TITLES and index and _named_before(words[index - 1])
            ):
                size = 1
        if size and not (  # "Office of the President", "Court of Justice": a name's end
            index and words[index - 1] in ("of", "the") and index + size == len(words)
        ):
            chain = chain if found is not None and found[1] == index else index
            found = (index, index + size)
        index += size or 1
    if found is None:
        return None
    return (chain, found[0], found[1]) if _titles_a_name(words[found[1] :]) else None


def _role_word(word: str) -> bool:
    """Whether a (folded) word names a role, not a person: "deputy", "chief", "secretary"."""
    return word in TITLES or word in TITLE_QUALIFIERS or word in PERSON_NOUNS


def _named_before(word: str) -> bool:
    """Whether a (folded) word before a title that may be a surname makes it one: "Stephen
    King", not "Saudi King", "Chief Judge" or "Council President"."""
    return not (
        word in TITLES
        or word in TITLE_QUALIFIERS
        or word in places()
        or word in demonyms()
        or names_a_thing(word)
    )


def _titles_a_name(rest: list[str], *, particle_first: bool = False) -> bool:
    """Whether the (folded) words after a title may be a person's name: not "Council of ...",
    though the name may be followed by what the person belongs to ("Dr Smith of Mellon Bank");
    nor, unless `particle_first`, a name a particle opens."""
    if not rest or rest[0] == "of":
        return True
    if "of" in rest:
        rest = rest[: rest.index("of")]
    return (particle_first or rest[0] not in PARTICLES) and not names_a_thing(rest[-1])


def _whole_title(
    tokens: list[tuple[int, int, str]], chain: int, start: int, end: int
) -> tuple[int, int, int]:
    """The title found at tokens[start:end] with the titles (from `chain`) and the qualifiers
    before it ("Chief Secretary Sir Donal Tsang"): where it starts, where its words end and
    where the name starts. An honorific after a role ("Sir") is no part of the role's title."""
    whole_start = chain
    while whole_start > 0 and tokens[whole_start - 1][2].casefold() in TITLE_QUALIFIERS:
        whole_start -= 1
    if whole_start < start and tokens[start][2].casefold() in HONORIFICS:
        return whole_start, start, end
    return whole_start, end, end


def names_a_thing(word: str) -> bool:
    """Whether a (folded) word is one an organization's, a place's or a thing's name ends in."""
    return word in ORG_WORDS or word in PLACE_WORDS or word in OTHER_WORDS


def _person_of_organization(
    tokens: list[tuple[int, int, str]], *, titled: bool = False
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], bool] | None:
    """ "Grant Wilson of Mellon Bank", "Peter Saunders of the CMF": a person's name, "of", and
    an organization's: two names, not one. The person part must have a personal name's shape
    (no organization, place or thing word: "Bank of England", "Executive Committee of the IOC"
    are single names; after a title one word will do: "Mr Wilson of Mellon Bank") and the
    other part be an organization by its own words or an acronym, or a country ("Nathalie
    Dechy of France"). The flag tells which: only working for an organization shows a person,
    as "Wrong Idea of France" shows."""
    words = [t[2] for t in tokens]
    if "of" not in words:
        return None
    at = words.index("of")
    person, organization = tokens[:at], tokens[at + 1 :]
    if organization and organization[0][2] == "the":
        organization = organization[1:]
    if not organization or not (1 if titled else 2) <= len(person) <= 4:
        return None
    if all(_role_word(t[2].casefold()) for t in person):
        # "Deputy Chief of the General Staff of the PLA": a role of the body, no one's name
        return [], organization, False
    if len(person) == 1:
        word = _name_word(person[0][2])
        if word is None or word in places() or word in demonyms() or names_a_thing(word):
            return None
    else:
        name = " ".join(t[2] for t in person)
        if _personal_name_words(name) is None or not personal_name_shape(entity_key(name)):
            return None
        if entity_key(" ".join(words)) in places():
            return None  # "United States of America": one place
    owner = " ".join(t[2] for t in organization)
    key = entity_key(owner)
    if (
        key in KNOWN_ORGS
        or (is_acronym(owner) and key not in places() and key not in COMMON_ACRONYMS)
        or (" " in key and _named_as_organization(key.split()))
        or _has_acronym_word(owner)
    ):
        return person, organization, True
    if key in countries():  # "Nathalie Dechy of France": a player and her country
        return person, organization, False
    return None


def _strip_qualifiers(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Uzbek KIB" is KIB; "the Afghan Provinces of Badakhshan" is Badakhshan."""
    words = [t[2] for t in tokens]
    if (
        len(words) == 2
        and entity_key(words[0]) in demonyms()
        and (is_acronym(words[1]) or entity_key(words[1]) in places())
    ):
        return tokens[1:]
    if "of" in words and entity_key(" ".join(words)) not in places():
        at = words.index("of")
        head = words[at - 1].casefold() if at else ""
        rest = tokens[at + 1 :]
        if rest and rest[0][2] == "the":
            rest = rest[1:]
        if rest and (head in PLACE_WORDS or head.rstrip("s") in PLACE_WORDS):
            return rest  # "Provinces of Faryab"
        before = " ".join(words[:at])
        after = " ".join(t[2] for t in rest)
        if rest and entity_key(after) in places() and _place_like_name(before):
            return tokens[:at]  # "Ferghana Valley of Central Asia": keep the valley
    return tokens


def _place_like_name(name: str) -> bool:
    key = entity_key(name)
    return key in places() or key.split()[-1] in PLACE_WORDS


def _split_compounds(
    text: str, tokens: list[tuple[int, int, str]], vocabulary: Container[str]
) -> list[_Template]:
    """ "US-Taliban" names two things; "Kassym-Jomart" one."""
    if len(tokens) == 1 and ("-" in tokens[0][2] or "–" in tokens[0][2]):
        start, _end, word = tokens[0]
        if entity_key(word) not in places():
            parts = re.split(r"[-–]", word)
            if (
                len(parts) > 1
                and all(len(p) > 1 and p[0].isupper() for p in parts)
                and (_place_like(parts[0]) or (is_acronym(parts[0]) and len(parts[0]) > 1))
            ):
                mentions: list[_Template] = []
                offset = start
                for part in parts:
                    if entity_key(part) not in demonyms():
                        mentions += _build(
                            text, [(offset, offset + len(part), part)], None, None, vocabulary
                        )
                    offset += len(part) + 1
                return mentions
    return _build(text, tokens, None, None, vocabulary)


def _place_like(word: str) -> bool:
    key = entity_key(word)
    return key in places() or key in demonyms()


def _build(
    text: str,
    tokens: list[tuple[int, int, str]],
    title: str | None,
    role_of: str | None,
    vocabulary: Container[str],
    *,
    person: bool = False,  # the run itself shows a person: "Grant Wilson of Mellon Bank"
) -> list[_Template]:
    start, end = tokens[0][0], tokens[-1][1]
    surface = text[start:end]
    if surface.endswith(("’s", "'s")):
        end -= 2
        surface = surface[:-2]
    if surface.endswith("â") and len(surface) > 2:  # "Bushâ€™s": an apostrophe decoded twice
        end -= 1
        surface = surface[:-1]
    key = entity_key(surface)
    if not key or (key in demonyms() and title is None):
        return []
    if len(key) < 2 and not title:
        return []
    votes = _shape_votes(key, surface, title)
    if person:
        votes["person"] = votes.get("person", 0) + 2
    return [_Template(start, end, surface, key, title=title, role_of=role_of, votes=votes)]


def _shape_votes(key: str, surface: str, title: str | None) -> dict[str, float]:
    """Cues in the name itself: the place list, organization words, a title, an acronym."""
    votes: dict[str, float] = {}
    words = key.split()
    last, first = words[-1], words[0]
    if key in places():
        votes["place"] = votes.get("place", 0) + 5
    if key in KNOWN_ORGS or (
        len(words) > 1
        and (
            last in ORG_WORDS
            or first in ORG_FIRST_WORDS
            or ("of" in words and _named_as_organization(words))
        )
    ):
        votes["organization"] = votes.get("organization", 0) + 3
    if (last in PLACE_WORDS or last in VENUE_WORDS) and len(words) > 1:
        votes["place"] = votes.get("place", 0) + 3
    if len(words) > 1 and not OTHER_WORDS.isdisjoint(words):  # "World War II"
        votes["other"] = votes.get("other", 0) + 3
    if a_people_or_event(key):
        votes["other"] = votes.get("other", 0) + 5
    if title:
        votes["person"] = votes.get("person", 0) + 4
    if key in COMMON_ACRONYMS:
        votes["other"] = votes.get("other", 0) + 5
    elif is_acronym(surface.replace(" ", "")) and key not in places():
        votes["organization"] = votes.get("organization", 0) + 1
    elif (surface.endswith("s") and PLURAL_ACRONYM.fullmatch(surface)) or (
        " " in surface and _plural_acronym_last(surface)
    ):
        # "MPs", "NGOs", "Labour MPs": a kind of thing, not one
        votes["other"] = votes.get("other", 0) + 1
    if not votes and len(words) > 1 and _has_acronym_word(surface):
        # "Exane BNP Paribas": a person's name seldom holds an acronym ("JPR Williams" does,
        # so the cue is one a "who" after it outweighs)
        votes["organization"] = 1.5
    return votes


def _plural_acronym_last(surface: str) -> bool:
    last = surface[surface.rindex(" ") + 1 :]
    # most last words are no capital before an "s": told without the regex
    return last.endswith("s") and last[-2:-1].isupper() and bool(PLURAL_ACRONYM.fullmatch(last))


def a_people_or_event(key: str) -> bool:
    """Whether a (folded) name itself says it is a people, a faith or an event ("Catholics",
    "Czechs", "Christmas"), whatever the words around it."""
    return key in PEOPLE_WORDS or key in EVENT_WORDS or _demonym_plural(key)


def _demonym_plural(key: str) -> bool:
    """ "Iraqis", "Germans", "Britons": a people, not a person or a body."""
    return (
        " " not in key
        and key.endswith("s")
        and (key[:-1] in demonyms() or key in ("britons", "brits"))
    )


def _named_as_organization(words: list[str]) -> bool:
    """Whether a name's (folded) words end in an organization word ("Mellon Bank") or one heads
    it before "of" ("Bank of England", "University of London")."""
    if words[-1] in ORG_WORDS:
        return True
    if "of" in words:
        at = words.index("of")  # "State of California" is a place, "State of Play" a drama
        return at > 0 and words[at - 1] in ORG_WORDS and words[at - 1] != "state"
    return False


ROMAN_NUMERAL: Final = re.compile(r"[IVXLC]+")


def _has_acronym_word(surface: str) -> bool:
    """Whether a name holds an acronym of three letters or more that is no place ("US") and no
    common thing ("CEO"), nor a numeral ("Henry VIII"); two letters may be initials ("JK")."""
    for word in surface.split():
        if (
            word[1:2].isupper()  # most words are not even two capitals: told without a lookup
            and is_acronym(word)
            and sum(c.isalpha() for c in word) >= 3
            and not ROMAN_NUMERAL.fullmatch(word)
        ):
            key = entity_key(word)
            if key not in places() and key not in COMMON_ACRONYMS:
                return True
    return False


PLACE_PREPOSITIONS: Final = frozenset(
    ["in", "from", "across", "near", "visiting", "visited", "toward", "towards", "into"]
)
# Words a name after which is no verb's subject ("a spokesman for X said")
OBJECT_PREPOSITIONS: Final = frozenset(["for", "of", "at", "with", "by", "to", "on"])
# The cues in the words after a name. No text can show two of them, so one match finds the
# one there is and its group names it.
SPEECH_AFTER: Final = r",?\s+(?:has |had |have )?(?:said|says|told|added|insisted|argued|wrote)\b"
# What only people do: "Erdogan paid a visit", "Shuvalov met", "X congratulated".
PERSON_ACT_AFTER: Final = (
    r",?\s+(?:has |had |have |also |later |then )?(?:paid (?:a|an|his|her) |"
    r"(?:congratulated|met|meets|telephoned|phoned|visited|visits|resigned|married|thanked|"
    r"(?:was|is) (?:born|elected|sworn|re-elected|appointed)|himself|herself)\b)"
    r"|(?:’s|'s) (?:wife|husband|son|daughter|father|mother|brother|sister|widow|family|"
    r"aides?|spokes(?:man|woman|person)|predecessor|successor|visit|remarks|speech|assertion)\b"
)
# What marks a company: "Nintendo shares", "Apple's profits", "shares in Sony", "X Inc".
COMPANY_AFTER: Final = (
    r"(?:(?:’s|'s) | )(?:shares?|stock|profits?|revenues?|earnings|turnover|"
    r"shareholders|chief executive|boss|products?|brand)\b"
    r"|,? (?:Inc|Corp|Ltd|plc|PLC|AG|SA|GmbH|Co)\b"
)
# What a word describing a group stands before: "Salafi-Jihadi groups".
GROUP_NOUN_AFTER: Final = (
    r" (?:groups|militants|fighters|forces|troops|officials|leaders|authorities|members|"
    r"jihadists|extremists|rebels|insurgents|citizens|people|companies|firms|workers|students|"
    r"supporters|activists|regimes|states|countries|governments|parties|ministers|carriers|"
    r"movements|organizations|organisations|networks|factions|nations|communities)\b"
)
AFTER_CUE: Final = re.compile(
    r"(?P<who>,?\s+who\b)|(?P<which>,?\s+which\b)"
    rf"|(?P<said>{SPEECH_AFTER})|(?P<act>{PERSON_ACT_AFTER})"
    rf"|(?P<company>{COMPANY_AFTER})|(?P<group>{GROUP_NOUN_AFTER})"
)
# The words AFTER_CUE's text may start with after its opening ("said", "share" of "shares?",
# "spokesman" of "spokes(?:man|woman|person)"): a superset, as the pattern's every letter run
# counts, so a word not among them rules out a cue.
CUE_WORDS: Final = frozenset(
    [
        *(
            word
            for run, optional in re.findall(r"([A-Za-z]+)(\??)", AFTER_CUE.pattern)
            for word in ((run, run[:-1]) if optional else (run,))
        ),
        *(
            run + ending
            for run, endings in re.findall(r"([A-Za-z]+)\(\?:([A-Za-z|]+)\)", AFTER_CUE.pattern)
            for ending in endings.split("|")
        ),
    ]
)
# The words a cue goes on from and never ends with ("has said", "was born", "also met"): after
# one of them, the word after it must be among CUE_WORDS too.
CUE_OPENERS: Final = frozenset(["has", "had", "have", "also", "later", "then", "was", "is"])
# What may close a word: no word character, so a cue word's \b holds before any of it.
CLOSING_PUNCTUATION: Final = ".,;:!?\"')’”"


def _cue_after(text: str, at: int) -> str | None:
    """The cue AFTER_CUE finds in the 24 characters from `at`, if any. Most names are followed
    by a space, ", " or "’s " and a word that starts no cue: told by a set lookup, without the
    regex."""
    limit = at + 24
    first = text[at : at + 1]
    if first == " ":
        word_at = at + 1
    elif first == ",":
        second = text[at + 1 : at + 2]
        if second == " ":
            word_at = at + 2
        elif second.isspace():
            word_at = -1  # ",\nwho": the pattern reads past any whitespace
        else:
            return None
    elif first in ("’", "'"):
        if text[at + 1 : at + 3] != "s ":
            return None  # every cue after an apostrophe is an owner's: "’s shares", "'s wife"
        word_at = at + 3
    elif first.isspace():
        word_at = -1
    else:
        return None  # every cue opens with a comma, a space or an apostrophe's "s"
    if word_at >= 0 and _no_cue_word(text, word_at, limit):
        return None
    cue = AFTER_CUE.match(text, at, limit)
    return cue.lastgroup if cue is not None else None


def _no_cue_word(text: str, word_at: int, limit: int) -> bool:
    """Whether the text from `word_at` (right after a cue's opening) surely starts no cue: a word
    of letters that is none of CUE_WORDS, or one of CUE_OPENERS and such a word after it, or
    neither a letter nor a space (a cue goes on with a word)."""
    gap = text.find(" ", word_at, limit)
    word = text[word_at : limit if gap == -1 else gap]
    if word in CUE_OPENERS and gap != -1:
        word_at = gap + 1
        gap = text.find(" ", word_at, limit)
        word = text[word_at : limit if gap == -1 else gap]
    if not word or word in CUE_WORDS:
        return False
    if word.isalpha():
        return True  # a whole word, and none of the pattern's
    if not word[0].isalpha():
        return not word[0].isspace()  # "2005", "(Stade", "- the"
    # "website.", "team,": the cue would have to be the word before its punctuation
    bare = word.rstrip(CLOSING_PUNCTUATION)
    return bare != word and bare.isalpha() and bare not in CUE_WORDS


# "the firm Nintendo", "shares in Sony", "chief executive of Apple"
COMPANY_NOUNS: Final = frozenset(
    ["firm", "company", "maker", "giant", "rival", "retailer", "carrier", "bank", "group"]
)
COMPANY_OWNERS: Final = frozenset(
    ["shares in", "stake in", "executive of", "boss of", "owner of", "bid for", "takeover of"]
)


def _vote_by_context(
    shared: dict[str, float], text: str, start: int, after: str | None, template: _Template
) -> dict[str, float]:
    """Cues around the name at `start`: "columnist X", "X, who", "X said", "the X", "in X";
    `after` names the cue AFTER_CUE found after it. The parse's votes, `shared` by its mentions,
    are returned as they are when no cue adds to them, else copied with the cues added."""
    votes = shared
    if start and text[start - 1].isspace():
        last = _last_word_before(text, start)
        # the word before that is read only after "the" or a short word ("shares in Sony")
        short = last == "the" or (len(last) <= 3 and not template.full)
        previous = _words_before(text, start)[1] if short else ""
        if last in PLACE_PREPOSITIONS or (last == "the" and previous in PLACE_PREPOSITIONS):
            votes = _add_vote(votes, shared, "place", 0.5)
        elif last in ("the", "The") and not template.spaced:
            votes = _add_vote(votes, shared, "organization", 0.5)
        elif last in PERSON_NOUNS:
            votes = _add_vote(votes, shared, "person", 2)
        elif last in WORK_NOUNS and text[start - 1] == " " and text[start - 2].isalpha():
            # one space apart: a headline's last word ("Kevin Spacey movie") names no title
            votes = _add_vote(votes, shared, "other", 2)
    else:
        last, previous = "", ""  # glued to what precedes it: no word before it is a cue
    if after == "who":
        votes = _add_vote(votes, shared, "person", 2)
    elif after == "which":
        votes = _add_vote(votes, shared, "organization", 0.5)
    elif after == "said" and template.spaced and last not in OBJECT_PREPOSITIONS:
        # "Microsoft said": a lone word says little; "Brad Adams, from Human Rights Watch,
        # said", "a spokeswoman for Human Rights Watch said": the sayer is named before
        votes = _add_vote(votes, shared, "person", 1)
    if template.full:
        return votes  # a full name or a titled one: the cues above and its shape decide
    if after == "act":
        votes = _add_vote(votes, shared, "person", 1)
    elif (
        after == "company"
        or last in COMPANY_NOUNS
        or (  # "shares in Sony": the owner phrases end in "in", "of", "for"
            len(last) <= 3 and previous != "" and f"{previous} {last}".casefold() in COMPANY_OWNERS
        )
    ):
        votes = _add_vote(votes, shared, "organization", 1)
    return votes


def _last_word_before(text: str, start: int) -> str:
    """The last word in the 30 characters before `start`: _words_before's first."""
    floor = start - 30 if start > 30 else 0
    end = start - 1
    if text[end] == " " and end > floor:
        gap = text.rfind(" ", floor, end)
        last = text[floor if gap < 0 else gap + 1 : end]
        if last and last.isprintable():  # no whitespace but the space rfind looked for
            return last
    words = text[floor:start].rsplit(None, 1)
    return words[-1] if words else ""


def _words_before(text: str, start: int) -> tuple[str, str]:
    """The last two words in the 30 characters before `start`, as their rsplit would find them
    ("" where there is none). Mostly one space parts them: found with rfind, without a list."""
    floor = start - 30 if start > 30 else 0
    end = start - 1
    if text[end] == " " and end > floor:
        gap = text.rfind(" ", floor, end)
        last = text[floor if gap < 0 else gap + 1 : end]
        # a printable word holds no whitespace but the space rfind looked for
        if last and last.isprintable():
            if gap <= floor:
                return last, ""
            second_gap = text.rfind(" ", floor, gap)
            previous = text[floor if second_gap < 0 else second_gap + 1 : gap]
            if previous and previous.isprintable():
                return last, previous
    words = text[floor:start].rsplit(None, 2)
    return (words[-1] if words else ""), (words[-2] if len(words) > 1 else "")


def _add_vote(
    votes: dict[str, float], shared: dict[str, float], kind: str, score: float
) -> dict[str, float]:
    if votes is shared:
        votes = shared.copy()
    votes[kind] = votes.get(kind, 0) + score
    return votes


def personal_name_shape(key: str) -> bool:
    """Could this (folded) name be a person's full name: 2-4 words, no "of", no organization,
    place or thing word ("Chief Operating Officer of Sony" cannot)."""
    answer = _PERSONAL_SHAPES.get(key)  # asked per name per document; names recur across them
    if answer is None:
        answer = _kept(_PERSONAL_SHAPES, key, _personal_name_shape(key))
    return answer


def _personal_name_shape(key: str) -> bool:
    words = key.split()
    if not 2 <= len(words) <= 4 or "of" in words or "the" in words:
        return False
    return not any(
        w in ORG_WORDS or w in PLACE_WORDS or w in OTHER_WORDS or w in VENUE_WORDS for w in words
    )


# The folded name words, asked per word of every run parsed (None: no name word), kept like
# the name memos above: an lru_cache call is a generic one from the mypyc build.
_NAME_WORDS: Final[dict[str, str | None]] = {}


def _name_word(word: str) -> str | None:
    """A word as a personal name has it, folded; None if none could ("US", "x", "of")."""
    if word in _NAME_WORDS:
        return _NAME_WORDS[word]
    return _kept(_NAME_WORDS, word, _fold_name_word(word))


def _fold_name_word(word: str) -> str | None:
    # "al-Assad", "az-Zawahiri", "bin-Laden": the name after a lowercase particle
    core = word.rsplit("-", maxsplit=1)[-1] if word[:1].islower() and "-" in word else word
    if len(core.rstrip(".")) < 2 and not core.endswith("."):
        return None
    if not core[0].isupper() or is_acronym(core):
        return None
    return entity_key(core)


def _personal_name_words(surface: str) -> tuple[str, ...] | None:
    """The folded words of a bare name that may be a person's ("Alexei Navalny") if the document
    uses none of them as a common word; None if it may not be one in any document."""
    if " of " in surface.casefold():
        return None  # "House of Lords", "Return of the King": a person "of" is titled
    # a surface runs from a token's start to one's end: str.split splits it as a regex \s+ would
    words = [w for w in surface.split() if w.casefold() not in PARTICLES]
    if not 2 <= len(words) <= 4:
        return None
    if ("'" in surface or "’" in surface) and any(
        word.endswith(("'s", "’s", "'", "’")) for word in words[:-1]
    ):
        return None  # "People's Daily": what someone owns is no one's name
    asked: list[str] = []
    for index, word in enumerate(words):
        folded = _name_word(word)
        if folded is None:
            return None
        if folded in NAME_MONTHS and index:
            continue  # "Theresa May": "may" is a common word, yet here a surname
        if folded in places() or folded in demonyms():
            return None
        asked.append(folded)
    return tuple(asked)


# --- acronyms defined in the text -----------------------------------------------------------

ACRONYM_IN_PARENS: Final = re.compile(r"\(([A-Z][A-Za-z0-9&]*(?:-[A-Z0-9]+)*)\)")
NAME_IN_PARENS: Final = re.compile(r"\(([A-Z][^()]{2,80})\)")
WORD_BACK: Final = re.compile(r"[\w’'&]+")
LONG_FORM_CONNECTORS: Final = frozenset(
    [
        "and",
        "of",
        "the",
        "al",
        "el",
        "for",
        "de",
        "wal",
        "bin",
        "in",
        "on",
        "&",
        "du",
        "des",
        "la",
        "le",
    ]
)


def acronym_letters(acronym: str) -> str:
    return "".join(c for c in acronym if c.isupper())


def long_form_before(text: str, limit: int, acronym: str, floor: int) -> tuple[int, int] | None:
    """The span of the words just before `limit` whose initials spell `acronym`."""
    letters = acronym_letters(acronym)
    if len(letters) < 2:
        return None
    end = limit
    while end > floor and text[end - 1] == " ":
        end -= 1
    words = [
        (m.start(), m.end(), m.group())
        for part in [text[max(floor, end - 200) : end]]
        for m in WORD_BACK.finditer(part)
    ]
    base = max(floor, end - 200)
    words = [(s + base, e + base, w) for s, e, w in words]
    # "al-Bukhari" counts as "al" + "Bukhari"
    initials: list[str] = []
    for raw_start, _word_end, raw_word in reversed(words):
        word_start, word = raw_start, raw_word
        glued = re.search(r"[A-Z]", word)
        if word[0].islower() and glued and word.casefold() not in LONG_FORM_CONNECTORS:
            word_start += glued.start()  # "asKatibat": a missing space in the source
            word = word[glued.start() :]
        pieces = word.split("-")
        for piece in reversed(pieces):
            if not piece:
                continue
            if piece[0].isupper():
                initials.append(piece[0])
            elif piece.casefold() not in LONG_FORM_CONNECTORS:
                return None
        spelled = "".join(reversed(initials))
        if spelled == letters:
            return word_start, end
        if len(spelled) >= len(letters) or not letters.endswith(spelled):
            return None
    return None


INITIALS_SEPARATORS: Final = re.compile(r"[\s-]+")


def initials_of(name: str) -> str:
    initials = _INITIALS.get(name)  # asked per long name per document; the same names recur
    if initials is None:
        parts = INITIALS_SEPARATORS.split(name)
        initials = _kept(_INITIALS, name, "".join(p[0] for p in parts if p and p[0].isupper()))
    return initials
