"""Word-level text normalisation shared by the index and the query side.

Both sides must turn "operates", "operating" and "operate" into the same key, or a question
never meets the sentence that answers it; so there is exactly one `keys()` for both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.compiler.gazetteer import demonyms

WORD = re.compile(r"[^\W_]+", re.UNICODE)
KEYS_REVISION = 3  # bump on any change to stem() that the tables below do not show
KEY_LENGTH = 5  # long enough to keep words apart, short enough that "Syria"/"Syrian" meet

# Irregular forms a suffix stripper cannot reach, so "led" meets "leader", "fled" meets
# "flee" and "said" meets "says". Each maps to its base form, which is then stemmed like
# any other word. Forms identical to their base (hit, cut, set, put, quit) need no entry.
IRREGULAR_LINES = (
    "lead: led",
    "say: said says",
    "win: won wins",
    "run: ran",
    "meet: met",
    "fight: fought",
    "swear: swore sworn",
    "begin: began begun",
    "take: took taken",
    "give: gave given",
    "go: went gone",
    "make: made",
    "tell: told",
    "hold: held",
    "seek: sought",
    "buy: bought",
    "sell: sold",
    "pay: paid",
    "think: thought",
    "leave: left",
    "choose: chose chosen",
    "write: wrote written",
    "speak: spoke spoken",
    "become: became",
    "grow: grew grown",
    "know: knew known",
    "find: found",  # "found refuge" is not "founded"
    "flee: fled",
    "fly: flew flown",
    "fall: fell fallen",
    "rise: rose risen",
    "teach: taught",
    "bring: brought",
    "catch: caught",
    "come: came",
    "lose: lost",
    "keep: kept",
    "send: sent",
    "spend: spent",
    "build: built",
    "lend: lent",
    "mean: meant",
    "deal: dealt",
    "feel: felt",
    "hear: heard",
    "see: saw seen",
    "get: got gotten",
    "break: broke broken",
    "drive: drove driven",
    "steal: stole stolen",
    "shoot: shot",
    "strike: struck",
    "stand: stood",
    "understand: understood",
    "withdraw: withdrew withdrawn",
    "draw: drew drawn",
    "throw: threw thrown",
    "eat: ate eaten",
    "forget: forgot forgotten",
    "hide: hid hidden",
    "sit: sat",
    "sleep: slept",
    "sweep: swept",
    "feed: fed",
    "arise: arose arisen",
    "undertake: undertook undertaken",
    "overcome: overcame",
    "die: died dying",
    "person: people",
    "man: men",
    "woman: women",
    "child: children",
)
IRREGULAR = {
    form: base
    for line in IRREGULAR_LINES
    for base, _, forms in [line.partition(":")]
    for form in forms.split()
}

# Two passes, longest suffix first in each; a suffix comes off only when at least three
# letters stay. Inflections go first, then one derivational ending, so every form of a word
# lands on one stem: "border", "borders", "bordering" -> "bord"; "leaders" -> "lead".
INFLECTIONS = ("ingly", "ings", "ing", "ies", "ied", "ily", "ly", "ees", "es", "ed", "s")
DERIVATIONS = (
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ity",
    "ures",
    "ure",
    "ions",
    "ion",
    "ness",
    "ers",
    "er",
    "ors",
    "or",
)
SUFFIXES = INFLECTIONS + DERIVATIONS  # what the keys revision hashes
# Endings that look like a plural "s" but are not one: "status", "analysis", "glass".
NOT_PLURAL = ("ss", "us", "is")

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "else",
        "ever",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "let",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "tell",
        "show",
        "give",
        "me",
        "please",
        "know",
        "anything",
        "something",
        "s",
        "t",
        "d",
        "ll",
        "re",
        "ve",
        "m",
        "get",
        "got",
        "much",
        "many",
        "one",
        "thing",
        "things",
        "there's",
        "ever",
        "whats",
        "whos",
        "whether",
        "although",
        "though",
        "unless",
        "however",
        "yet",
        "still",
    ]
)

_VOWEL_SION = re.compile(r"[aeiou]sions?$")
_SIBILANT_ES = ("ses", "xes", "zes", "ches", "shes")

QUESTION_WORDS = frozenset(["who", "whom", "whose", "what", "when", "where", "which", "why", "how"])


def normalisation_version() -> str:
    """Changes whenever keys() would: indexes built with other keys are rebuilt."""
    import hashlib  # noqa: PLC0415 - once per index check

    material = repr(
        (
            KEYS_REVISION,
            KEY_LENGTH,
            sorted(IRREGULAR.items()),
            SUFFIXES,
            sorted(STOPWORDS),
            _VOWEL_SION.pattern,
            _SIBILANT_ES,
            NOT_PLURAL,
        )
    )
    return hashlib.sha256(material.encode()).hexdigest()[:12]


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to review than a list)."""
    return frozenset(text.split())


def fold(text: str) -> str:
    """Lower-case and drop diacritics, so "Tokayév" and "tokayev" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """Folded words; an apostrophe splits a word, and the leftover "s"/"t" are stopwords."""
    return WORD.findall(fold(text))


def stem(word: str) -> str:
    if word in IRREGULAR:  # the base form is stemmed as any word: "made" -> "make" -> "mak"
        return _stem_regular(IRREGULAR[word])
    return _stem_regular(word)


def _stem_regular(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    vowel_sion = _VOWEL_SION.search(word)
    if vowel_sion:  # "invasion" -> "invad" as "invade", "decision" -> "decid" as "decide"
        return word[: vowel_sion.start() + 1] + "d"
    word = _strip(word, INFLECTIONS)
    word = _undouble(word)  # "planned" -> "plan", "bordering" -> "border"
    word = _strip(word, DERIVATIONS)
    if len(word) > 3 and word.endswith("e"):  # "invade"/"invading", "close"/"closure"
        word = word[:-1]
    return _undouble(word)


def _strip(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if suffix == "es" and not word.endswith(_SIBILANT_ES):
            continue  # "states" -> "state" (by "s"), but "taxes" -> "tax"
        if suffix == "s" and word.endswith(NOT_PLURAL):
            continue
        if suffix in ("ies", "ied"):  # "countries", "carried" meet "country", "carry"
            return word[: -len(suffix)] + "y"
        if suffix.startswith("ation"):  # "operation" meets "operate", "operated"
            return word[: -len(suffix)] + "at"
        return word[: -len(suffix)]
    return word


def _undouble(word: str) -> str:
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 17)  # words repeat: indexing 100k facts calls this millions of times
def key(word: str) -> str:
    """The matching key of one folded word: a light stem cut to KEY_LENGTH letters."""
    return stem(word)[:KEY_LENGTH]


def keys(text: str) -> list[str]:
    """Keys of the content words of `text`, in order, duplicates kept."""
    return [key(w) for w in words(text) if w not in STOPWORDS]


def normalize_name(text: str) -> str:
    """A name as the alias table stores it: folded words joined by single spaces, no "the"."""
    tokens = [w for w in words(text) if w not in ("s",)]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


PRONOUNS = word_set("it its he she they his her their this these those such")

MONTH_NAMES = sorted(
    word_set(
        "january february march april may june july august september october november december"
    )
)
WEEKDAYS = sorted(word_set("monday tuesday wednesday thursday friday saturday sunday"))
_CAPITALISED = "|".join(n.capitalize() for n in [*MONTH_NAMES, *WEEKDAYS])
_PERIODS = (
    r"hour|day|week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter|quarter"
)
# What answers "when": a year, a month or weekday name (capitalised: "may" is a verb), a
# clock time, or a phrase that places an event in time ("next month", "in early June",
# "since 2001", "two years ago", "at midnight", "two weeks after the vote").
TEMPORAL = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d)s?\b"
    rf"|\b(?:{_CAPITALISED})\b"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|GMT|UTC|BST)\b"
    r"|(?i:\b(?:today|tonight|tomorrow|yesterday|midnight|noon|ago|"
    rf"(?:next|last|this|coming|past|previous|same|following)\s+(?:{_PERIODS})|"
    r"(?:early|mid|late)[\s-]+(?:\d|[a-z]+)|"
    r"(?:since|until|till|by|before|after|during|from)\s+(?:1[5-9]\d\d|20\d\d)|"
    rf"(?:in|within|for|over)\s+(?:a|an|the|one|two|three|\d+)\s+(?:{_PERIODS})s?|"
    # a span before or after another event places this one: "Two weeks following X's
    # remarks, Y visited", "a day after the vote", "three years later"
    rf"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|\d+)\s+"
    rf"(?:{_PERIODS})s?|(?:{_PERIODS})s)\s+(?:after|following|before|later|earlier))\b)"
)
# Words that place an event in time only loosely: a "when" answer at a pinch.
VAGUE_TEMPORAL = re.compile(r"(?i:\b(?:recently|lately|soon|shortly|nowadays|currently)\b)")
NUMBER_WORDS = word_set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion trillions dozen dozens score scores half quarter twice double triple"
)

# General-English near-synonyms, by key: a question saying "talk" is answered by a sentence
# saying "telephone call", "deals" by "agreements". One way only, question word first: a
# "call" may be a name ("to be called"), so "called" is not answered by "talks". Kept to
# words whose senses overlap in ordinary use; relation cues are in query.RELATION_CUES.
SYNONYM_LINES = (
    "talk: call speak phone telephone discuss conversation",
    "speak: talk call phone telephone",
    "phone: call telephone",
    "deal: agreement pact accord treaty contract",
    "agreement: deal pact accord treaty contract",
    "pact: deal agreement accord treaty",
    "treaty: agreement pact accord",
    "lead: leader head chief",
    "kill: dead death die perish",
    "die: killed dead death perish",
    "say: tell state declare announce",
    "tell: warn inform notify advise",
    "announce: declare say state",
    "start: begin launch commence",
    "begin: start launch commence",
    "launch: start begin",
    "end: finish stop halt",
    "fall: drop dip decline slump plunge slide",
    "drop: fall dip decline slump plunge",
    "rise: increase climb jump grow gain",
    "increase: rise climb jump grow",
    "stop: halt end",
    "buy: purchase acquire",
    "take: transport move bring send carry",
    "call: style dub name term",
    "symbol: emblem flag logo",
    "emblem: symbol flag logo",
    "play: star starring portray",
    "cost: price sell priced",
    "purchase: buy acquire",
    "build: construct",
    "attack: strike assault",
    "population: inhabitants residents",
    "people: population inhabitants residents",
    "live: population inhabitants residents",
    "army: military troops",
    "soldier: troops fighters",
    "fighter: militant jihadist combatant",
    "militant: fighter jihadist",
    "troops: soldiers forces",
    "ban: prohibit outlaw",
    "help: aid assist",
    "rule: regime reign govern government leader president",
    "govern: rule regime government",
    "worry: fear concern",
    "fear: worry concern",
    "concern: worry fear",
    "part: participate",
    "see: view regard perceive",
    "view: see regard perceive",
    "pick: select choose",
    "choose: select pick",
    "select: choose pick",
    "run: manage manager head chief",
    "back: support favour favor endorse",
    "message: post statement",
    "belong: include comprise",
    "protest: demonstration rally",
    "publish: post",
    "meet: face session summit",
    "join: enlist",
    "win: victory take",
    "accuse: allege",
    "admit: confess plead acknowledge",
    "allege: accuse",
    "manager: boss coach",
    "boss: manager coach",
    "coach: manager boss",
    "dispute: conflict row",
    "beat: defeat",
    "lend: loan",
    "loan: lend",
    "think: regard view consider",
    "year: annual annually",
    "liken: compare reminiscent resemble",
    "tie: relationship relation link",
    "law: legislation act bill",
    "legislation: law act bill",
    "tv: television",
    "television: tv",
    "study: classmate student",
    "businessman: magnate tycoon entrepreneur",
    "limit: restrict circumscribe constrain",
    "captain: skipper",
    "interpret: see view regard",
    "view: opinion",
    "create: manufacture",
    "lose: loss",
    "regard: consider view see",
    "consider: regard",
    "draw: attract",
    "attract: draw",
    "make: produce manufacture",
    "produce: make manufacture",
    "grow: growth",
    "growth: grow",
    "rule: control",
)


def _synonym_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in SYNONYM_LINES:
        asked, _, others = line.partition(":")
        table.setdefault(key(asked.strip()), set()).update(key(w) for w in others.split())
    return {k: frozenset(v - {k}) | _derived_synonyms(k) for k, v in table.items()}


def synonyms(word_key: str) -> frozenset[str]:
    """Keys of words that may stand for the word with this key (not including itself)."""
    found = _SYNONYMS.get(word_key)
    if found is None:
        found = _derived_synonyms(word_key)
        if len(_SYNONYMS) < MAX_SYNONYM_ENTRIES:  # asked per fact and word: kept once made
            _SYNONYMS[word_key] = found
    return found


def _derived_synonyms(word_key: str) -> frozenset[str]:
    if word_key.endswith("y"):
        # "deny"/"denial", "rely"/"reliance", "bury"/"burial", "try"/"trial": the noun of a
        # verb in -y is spelt -i- before its suffix, which the stemmer does not undo
        return frozenset([(word_key[:-1] + "ial")[:KEY_LENGTH]])
    return NO_SYNONYMS


NO_SYNONYMS: frozenset[str] = frozenset()
MAX_SYNONYM_ENTRIES = 50_000


_COUNT = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|a|an|several|many)"
)
# What "how old", "how much", "how long", "how far" ask for: an age, an amount, a duration
# or length, a distance. A sentence with only some other number ("the 2002 movie") does not
# answer them.
MEASURE_PATTERNS: dict[str, re.Pattern[str]] = {
    "old": re.compile(
        rf"(?i:\b{_COUNT}[\s-]+(?:year|month)s?[\s-]+old\b|\baged\s+\d+|\(\d{{1,3}}\))"
        r"|\b[A-Z][\w’'-]+, \d{1,3}, "  # news apposition: "Bell, 30, had set his sights"
        # "has died on the eve of his 93rd birthday"
        r"|\b\d{1,3}(?:st|nd|rd|th)\s+birthday\b"
    ),
    "much": re.compile(
        r"[$£€¥]\s?\d"
        rf"|(?i:\b{_COUNT}\s?(?:m|bn|k|million|billion|trillion|thousand|"
        r"dollars?|euros?|pounds?|naira|yen|yuan|roubles?|rubles?|rupees?|francs?|"
        r"cents?|pence|tonnes?|tons?|barrels?|litres?|gallons?|kg|kilograms?|"
        r"per\s?cent|percent|%)(?![a-z]))"
    ),
    # "What share of X ...": a percentage, or a fraction of something ("more than a quarter
    # of the market", "two-thirds of its exports", "half the vote"); not "a third term".
    "share": re.compile(
        r"(?i:\d\s?(?:per\s?cent|percent|%)"
        r"|\b(?:a|one|two|three|four)[\s-]+(?:half|thirds?|quarters?|fifths?|tenths?)\s+of\b"
        r"|\bhalf\s+(?:of\s+)?(?:the|its|their|all)\b)"
    ),
    "long": re.compile(
        rf"(?i:\b{_COUNT}(?:\s+and\s+{_COUNT})?[\s-]+(?:(?:and\s+a\s+half\s+)?"
        r"(?:(?:full|whole|straight|consecutive|more|further)\s+)?"
        r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies)|seasons?|"
        r"km|kilometres?|kilometers?|miles?|metres?|meters?|feet|foot)))\b(?!-old)"
        # "on the margins for decades", "for many years": a span counted in no number
        r"|(?i:\bfor\s+(?:many\s+|several\s+|some\s+)?"
        r"(?:decades|years|centuries|generations|months|weeks)\b)"
    ),
    # a match result, "2-0", "3–1"; not a year span ("2004-05") nor an age ("39-year-old")
    "score": re.compile(r"(?<![\d-])\d{1,2}\s?[-–]\s?\d{1,2}(?![\d-])"),
    # a distance, or a margin in a table or a race: "13 points behind leaders Barcelona"
    "far": re.compile(
        rf"(?i:\b{_COUNT}[\s-]+(?:km|kilometres?|kilometers?|miles?|metres?|meters?)\b"
        rf"|\b{_COUNT}\s+(?:points?|goals?|games?|shots?|strokes?|places?|seconds?|lengths?|"
        r"votes?)\s+(?:behind|ahead|clear|adrift)\b)"
    ),
}


# "How soon would elections be held?": "will follow in 30 days", a span as for "how long"
MEASURE_PATTERNS["soon"] = MEASURE_PATTERNS["long"]


def holds_measure(measure: str, text: str) -> bool:
    """Whether `text` holds what "how <measure>" asks; any number for a measure not listed."""
    pattern = MEASURE_PATTERNS.get(measure)
    return has_number(text) if pattern is None else bool(pattern.search(text))


def has_date(text: str) -> bool:
    """A temporal expression: what a "when" question's answer must hold."""
    return bool(TEMPORAL.search(text))


def date_strength(text: str, dated: bool = False) -> int:
    """2: the text places something in time (or the fact has a date); 1: only loosely
    ("recently"); 0: not at all."""
    if dated or TEMPORAL.search(text):
        return 2
    return 1 if VAGUE_TEMPORAL.search(text) else 0


# "the 1950s", "the late-1990s", "the 80s": a decade places a story in time, it counts nothing
DECADE = re.compile(r"(?<![\d,.])(?:\d\d)?\d0[’']?s\b")


def has_number(text: str) -> bool:
    """Digits or a number word: what a "how many" question's answer must hold."""
    if any(c.isdigit() for c in DECADE.sub("", text)):
        return True
    return bool(set(words(text)) & NUMBER_WORDS)


SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
SUBORDINATORS = frozenset(
    {"if", "when", "while", "although", "though", "because", "as", "after", "before", "since"}
    | {"unless", "once", "until"}
)


def starts_with_pronoun(excerpt: str) -> bool:
    """ "It ...", "In doing so, it ...": the sentence leans on the one before for its subject."""
    tokens = [fold(w) for w in WORD.findall(excerpt[:80])]
    if tokens and tokens[0] in PRONOUNS:
        return True
    if len(tokens) > 1 and tokens[0] in SUBORDINATORS and tokens[1] in SUBJECT_PRONOUNS:
        return True  # "If they do not respond ..., they will be banned" ("Since her ..." not)
    if len(tokens) > 2 and tokens[0] in SUBORDINATORS and tokens[1] in DEMONSTRATIVES:
        return True  # "Since that inquiry was launched in October, ...": the one just named
    head, comma, rest = excerpt[:80].partition(",")
    if comma and len(WORD.findall(head)) <= 6:  # "During his two-day visit, he ..."
        after = [fold(w) for w in WORD.findall(rest)]
        return bool(after) and after[0] in PRONOUNS
    return False


# A definite description that refers back rather than names: "The 21-year-old told ...",
# "Directed by X, the film was ...", "The new tool has been compared ...". Not one that
# qualifies itself ("The government of Nigeria ...") or names something ("The Hague").
_DEFINITE_SUBJECT = re.compile(
    r"^(?:(?:But|And|Yet|So|Now|However|Meanwhile|Still)\b,?\s+|[^,]{0,60},\s*)?[Tt]he\s+"
    r"(?:[A-Z][\w-]*['’]s\s+)?"  # "The TIP's top leader, who ...": its owner may be named
    # "the 25-year-old Dubliner": lower-case words, perhaps ending in a demonym
    r"((?:[a-z0-9][\w'-]*\s+){0,3}?[a-z0-9][\w'-]*(?:\s+[A-Z][a-z]+(?=\s+[a-z]))?)\s+(\w+)"
)


_DEMONYM_SUBJECT = re.compile(
    r"^(?:(?:But|And|Yet|So|Now|However|Meanwhile|Still)\b,?\s+)?[Tt]he\s+([A-Z][a-z]+)\s+"
    r"(pair|duo|trio|couple|team|side|squad|star|player|players|athlete|athletes|man|woman|"
    r"men|women|leader|minister|president|striker|coach|boxer|runner|sprinter)\s+[a-z]"
)


def starts_with_definite_description(excerpt: str) -> bool:
    match = _DEFINITE_SUBJECT.match(excerpt[:120])
    if match is None:
        # "The Greek pair were charged ...": a people's adjective, then what it describes
        people = _DEMONYM_SUBJECT.match(excerpt[:120])
        return people is not None and fold(people.group(1)) in demonyms()
    head, _, _ = excerpt[:120].partition(",")
    if "," in excerpt[: match.start(1)] and len(WORD.findall(head)) > 6:
        return False
    return match.group(2) not in ("of", "in", "for", "at") and not match.group(2)[:1].isupper()


def leans_on_previous(excerpt: str) -> bool:
    """The sentence's subject is a pronoun or a definite description: what it is about is
    named in the sentence before."""
    return starts_with_pronoun(excerpt) or starts_with_definite_description(excerpt)


# A quotation's speaker: "I"/"we" inside quotation marks is whoever the quote is attributed
# to, and news writes the name once, then "he said", "the England captain said", or nothing
# at all for the sentences and paragraphs the quote runs on ('"I'm going to open one in
# London ... "My second passion is charity work - I am an ambassador for Unicef."').
QUOTE_MARK = re.compile('["\u201c\u201d]')
FIRST_PERSON = frozenset({"me", "my", "myself", "we", "our", "ours", "us", "ourselves"})
_ATTRIBUTION = (
    r"(?:said|says|say|added|adds|admitted|admits|told|tells|explained|explains|insisted|"
    r"insists|argued|argues|warned|warns|stated|states|declared|declares|revealed|reveals|"
    r"according)"
)
ATTRIBUTION = re.compile(rf"\b{_ATTRIBUTION}\b", re.IGNORECASE)
# "he said", "said she", "the England captain said": no name, so the speaker is named before
# (a name written with "the" ends in a capital: "the BBC said" names its speaker).
REFERRED_SPEAKER = re.compile(
    # "said he." inverted, not "said he was" (what he was is the quote's topic)
    rf"\b(?:he|she|they)\s+{_ATTRIBUTION}\b|\b{_ATTRIBUTION}\s+(?:he|she|they)\s*(?:[.,;:]|$)"
    rf"|\b[Tt]he\s+(?:[\w'\u2019-]+\s+){{0,3}}?[a-z][\w-]*\s+{_ATTRIBUTION}\b"
)
QUOTE_RUNS_ON = 2  # sentences without a quotation mark a quote may run on over


def _opens(excerpt: str, at: int) -> bool:
    """Whether the quotation mark at `at` opens a quote (a straight one: after a space or
    the start, before a word) rather than closing one."""
    mark = excerpt[at]
    if mark != '"':
        return mark == "\u201c"
    before = excerpt[at - 1] if at else " "
    after = excerpt[at + 1] if at + 1 < len(excerpt) else " "
    return (before.isspace() or before in "([-\u2013\u2014") and not after.isspace()


def _quoted_and_not(excerpt: str, running: bool) -> tuple[str, str, bool]:
    """The excerpt's words inside quotation marks, those outside, and whether a quote is
    still open at its end (`running`: one was open at its start)."""
    inside: list[str] = []
    outside: list[str] = []
    last = 0
    for mark in QUOTE_MARK.finditer(excerpt):
        (inside if running else outside).append(excerpt[last : mark.start()])
        last = mark.end()
        running = _opens(excerpt, mark.start())
    (inside if running else outside).append(excerpt[last:])
    return " ".join(inside), " ".join(outside), running


def _first_person(text: str) -> bool:
    return any(w == "I" or (w.lower() in FIRST_PERSON and w != "US") for w in WORD.findall(text))


def quote_state(excerpt: str, running: int, after_quote: bool) -> tuple[bool, int, bool]:
    """Read one sentence of a story in order: (whether its speaker is named in the sentence
    before, how many sentences the quote open at its end has run without a mark (-1: none
    open), whether it holds quoted words). `running` and `after_quote` are those of the
    sentence before."""
    is_open = 0 <= running <= QUOTE_RUNS_ON
    marked = bool(QUOTE_MARK.search(excerpt))
    inside, outside, open_at_end = _quoted_and_not(excerpt, is_open)
    quoted = bool(inside.strip())
    # a sentence without marks carries the quote one sentence further; one with marks
    # leaves it open or closed
    carried = running + 1 if is_open else -1
    still = carried if not marked else (0 if open_at_end else -1)
    if not quoted:
        return False, still, False
    if ATTRIBUTION.search(outside):
        leans = bool(REFERRED_SPEAKER.search(outside))
    else:  # a quote running on, or a new paragraph of the quote just attributed
        leans = is_open or (after_quote and excerpt.lstrip()[:1] in ('"', "\u201c"))
    return leans, still, True


_SYNONYMS = _synonym_table()
