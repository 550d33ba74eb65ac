"""Word-level text normalisation shared by the index and the query side.

Both sides must turn "operates", "operating" and "operate" into the same key, or a question
never meets the sentence that answers it; so there is exactly one `keys()` for both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[^\W_]+", re.UNICODE)
KEYS_REVISION = 2  # bump on any change to stem() that the tables below do not show
KEY_LENGTH = 5  # long enough to keep words apart, short enough that "Syria"/"Syrian" meet

# Irregular forms a suffix stripper cannot reach, so "led" meets "leader" and "said" meets "says".
IRREGULAR = {
    "led": "lead",
    "said": "say",
    "says": "say",
    "won": "win",
    "wins": "win",
    "ran": "run",
    "met": "meet",
    "fought": "fight",
    "swore": "swear",
    "sworn": "swear",
    "began": "begin",
    "begun": "begin",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "went": "go",
    "gone": "go",
    "made": "make",
    "told": "tell",
    "held": "hold",
    "sought": "seek",
    "bought": "buy",
    "sold": "sell",
    "paid": "pay",
    "thought": "think",
    "left": "leave",
    "chose": "choose",
    "chosen": "choose",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "became": "become",
    "grew": "grow",
    "knew": "know",
    "known": "know",
    "found": "find",  # "found refuge" is not "founded"
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
}

# Longest first: the first suffix that leaves a stem of at least three letters wins.
SUFFIXES = (
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ingly",
    "ings",
    "ing",
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
    "ies",
    "ied",
    "ily",
    "ly",
    "ees",
    "es",
    "ed",
    "s",
)

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
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.isdigit() or len(word) <= 3:
        return word
    vowel_sion = _VOWEL_SION.search(word)
    if vowel_sion:  # "invasion" -> "invad" as "invade", "decision" -> "decid" as "decide"
        return word[: vowel_sion.start() + 1] + "d"
    for suffix in SUFFIXES:
        if suffix == "es" and word.endswith("es") and not word.endswith(_SIBILANT_ES):
            continue  # "states" -> "state", but "taxes" -> "tax"
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # "planned" -> "plan"
        word = word[:-1]
    return word


@lru_cache(maxsize=1 << 17)  # words repeat: indexing 100k facts calls this millions of times
def key(word: str) -> str:
    """The matching key of one folded word: a light stem cut to KEY_LENGTH letters."""
    return stem(word)[:KEY_LENGTH]


def keys(text: str) -> list[str]:
    """Keys of the content words of `text`, in order, duplicates kept."""
    return [key(w) for w in words(text) if w not in STOPWORDS]


def key_string(parts: Iterable[str]) -> str:
    """Unique keys of several texts as one space-separated string (what the index stores)."""
    seen: dict[str, None] = {}
    for part in parts:
        for k in keys(part):
            seen.setdefault(k, None)
    return " ".join(seen)


def normalize_name(text: str) -> str:
    """A name as the alias table stores it: folded words joined by single spaces, no "the"."""
    tokens = [w for w in words(text) if w not in ("s",)]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


MONTH_NAMES = sorted(
    word_set(
        "january february march april may june july august september october november december"
    )
)
DATE_IN_TEXT = re.compile(r"\b(1[5-9]\d\d|20\d\d)s?\b|\b(" + "|".join(MONTH_NAMES) + r")\b", re.I)
NUMBER_WORDS = word_set(
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions billion billions dozen dozens"
)


def has_date(text: str) -> bool:
    """A year or a month name: what a "when" question's answer must hold."""
    return bool(DATE_IN_TEXT.search(text))


def has_number(text: str) -> bool:
    """Digits or a number word: what a "how many" question's answer must hold."""
    return any(c.isdigit() for c in text) or bool(set(words(text)) & NUMBER_WORDS)
