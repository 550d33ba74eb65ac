"""Correcting misspelt question words ("leeds" -> "leads") against what the fact base holds.

Only words the fact base has never seen are looked at, and only against candidates sharing
their first letter, so a correct question costs nothing and a misspelt one little.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable

from rapidfuzz import fuzz, process

from bot.engine.text import STOPWORDS, WORD, fold, key, synonyms, word_set

CUTOFF = 80.0  # question words: one wrong letter in five ("leeds" -> "leads")
WORD_CUTOFF = 85.0  # document words: "sacntions" -> "sanctions" is 89, "weather"/"wealth" 77
MIN_LENGTH = 4
SHORT_WORD = 4

# Surface forms of the words that ask for a relation, so "leeds" finds "leads" even when
# the documents never say "leads".
CUE_WORDS = sorted(
    word_set(
        "lead leads leader leaders led leading head heads headed chief commander operate operates "
        "operated operating active based located designate designated designation listed member "
        "members belong belongs belonged joined join allegiance swore sworn pledged loyal said "
        "says say quote quoted statement declared former formerly renamed called president "
        "minister founded founder"
    )
)


class Speller:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn  # the index, whose words table holds every word of the facts
        self._words: dict[str, list[str]] = {}
        self._cues: dict[str, list[str]] = defaultdict(list)
        for word in CUE_WORDS:
            self._cues[word[0]].append(word)

    def _initial(self, letter: str) -> list[str]:
        """The fact base's words starting with `letter`, loaded on first need."""
        if letter not in self._words:
            self._words[letter] = [
                r[0]
                for r in self.conn.execute(
                    "SELECT word FROM words WHERE word >= ? AND word < ?",
                    (letter, chr(ord(letter) + 1)),
                ).fetchall()
            ]
        return self._words[letter]

    def correct(self, word: str) -> str | None:
        """A word the fact base (or a question) uses, close to the unknown folded `word`.

        Whole words are compared, not keys: "sacntions" is one swap from "sanctions", but
        "weather" is no misspelt "wealth" although their keys differ by one letter.
        """
        if len(word) < MIN_LENGTH or not word.isalpha():
            return None
        hit = process.extractOne(
            word, self._cues.get(word[0], ()), scorer=fuzz.ratio, score_cutoff=CUTOFF
        )
        # A short word one letter longer than a cue is as likely another word as a typo:
        # "stay" is no misspelt "say", nor "lend" "led"
        if hit and not (len(word) <= SHORT_WORD and len(hit[0]) < len(word)):
            return str(hit[0])
        hit = process.extractOne(
            word, self._initial(word[0]), scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF
        )
        return str(hit[0]) if hit else None

    def fix(self, text: str, skip: set[int], known: Callable[[str], bool]) -> str:
        """`text` with each unknown word outside the `skip` token positions corrected.

        A capitalised word in a mixed-case text is a name, not a misspelling: it is left for
        the name matcher, and when no name matches, the documents do not know it.
        """
        pieces: list[str] = []
        last = 0
        mixed_case = text != text.lower()
        for n, match in enumerate(WORD.finditer(text)):
            folded = fold(match.group())
            if n in skip or folded in STOPWORDS or known(folded):
                continue
            if synonyms(key(folded)):  # a word the engine reads in other words ("lend": "loan")
                continue
            if mixed_case and match.group()[0].isupper():
                continue
            better = self.correct(folded)
            if better:
                pieces += [text[last : match.start()], better]
                last = match.end()
        return "".join(pieces) + text[last:] if pieces else text
