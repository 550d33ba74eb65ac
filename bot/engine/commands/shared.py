"""What several commands ask of an excerpt (does it stand alone, does it repeat one already
shown) and how a reply counts what it left out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.engine.index import FactRow
from bot.engine.text import WORD, starts_with_pronoun, words

DUPLICATE_OVERLAP = 0.6  # share of word keys two facts may have in common and both be shown
# Where starts_with_pronoun looks (the first word, after a subordinator, after the first comma):
# without one of its words there, it need not fold the excerpt to say no.
MAYBE_PRONOUN = re.compile(
    r"(?i)(?:^\W*|,\W*|^\W*(?:if|when|while|although|though|because|as|after|before|since|"
    r"unless|once|until)\W+)(?:it|its|he|she|they|his|her|their|this|that|these|those|such)\b"
)
# A question or an exclamation ("Congratulations to Apple, a deserved win!") asserts nothing.
QUESTION_END = re.compile(r"[?!][\s”\"’']*$")


def more_left(count: int, hint: str) -> dict[str, object]:
    """How many facts were left out, and the command (or advice) that reaches them."""
    return {"more": count, "more_command": hint} if count > 0 else {}


def excerpt_words(text: str) -> list[str]:
    """`words(text)`, without decomposing accents when there are none (most excerpts): a
    briefing reads some hundreds of excerpts."""
    return WORD.findall(text.lower()) if text.isascii() else words(text)


def leans_on_before(excerpt: str) -> bool:
    """`starts_with_pronoun`, asked only when a pronoun or subordinator is where it looks."""
    return bool(MAYBE_PRONOUN.search(excerpt, 0, 80)) and starts_with_pronoun(excerpt)


def written_at(excerpt: str, name: str) -> Iterator[int]:
    """Each place the excerpt writes the name; none for a one-letter name, which would match
    inside any word."""
    at = excerpt.find(name) if len(name) > 1 else -1
    while at >= 0:
        yield at
        at = excerpt.find(name, at + len(name))


def near_duplicate(fact: FactRow, chosen: list[FactRow]) -> bool:
    for other in chosen:
        union = fact.keys | other.keys
        if union and len(fact.keys & other.keys) / len(union) > DUPLICATE_OVERLAP:
            return True
    return False
