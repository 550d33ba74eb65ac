"""Sentence spans with exact offsets, by one compiled regex scan per paragraph.

Candidate ends are punctuation followed by space and a capital (or the paragraph's end);
a candidate is dropped after an abbreviation or an initial, and inside brackets or a quotation
that closes within the paragraph (a quoted sentence does not end the sentence quoting it).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from bot.compiler.gazetteer import MONTH_ABBREVIATIONS

# "[.!?…]+" spelled "[.!?…][.!?…]*": a pattern led by a character class lets the regex engine
# skip to those characters; one led by a repeat is tried at every position (twice as slow here)
# A captured page may lose the space between two paragraphs ("...won three Oscars.The film"):
# a word's final stop followed at once by a word that opens sentences ends one too.
GLUED_OPENERS = "The|He|She|It|They|We|But|In|This|That|These|Those|His|Her|Its|Their|However"
CANDIDATE_END_AFTER_STOPS = (
    r"[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9]|\s*$"
    rf"|(?:(?<=[a-z][a-z][.!?])|(?<=[a-z][.!?][\"”’]))(?:{GLUED_OPENERS})\b)"
)
CANDIDATE_END = re.compile(r"[.!?…][.!?…]*" + CANDIDATE_END_AFTER_STOPS)
# The same in a text whose only stop is ".": led by that one character, the regex engine finds
# each by a plain character search instead of a test of every character against a class.
FULL_STOP_END = re.compile(r"\.\.*" + CANDIDATE_END_AFTER_STOPS)
OTHER_STOPS = ("!", "?", "…")
NEXT_CHAR = re.compile(r"\s*(\S)")
ENCLOSED = re.compile(r"\([^()\n]{0,600}\)|\[[^\[\]\n]{0,600}\]|“[^“”\n]{0,600}”")
MAX_ENCLOSED = 602
INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?\.?$")
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cpt",
        "maj",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        *MONTH_ABBREVIATIONS,
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "vs",
        "v",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "est",
        "mt",
        "ft",
        "fig",
        "approx",
        "al",
        "e.g",
        "i.e",
        "cf",
        "viz",
        "univ",
        "assn",
        "ave",
        "blvd",
        "rd",
        "no",
        "nos",
        "vol",
        "pp",
        "ed",
        "eds",
        "messrs",
        "mmes",
        "rt",
    ]
)
TOKEN_REACH = 12  # characters looked at before a period; a longer word is looked at whole
ABBREVIATION_ENDINGS = frozenset(word[-3:] for word in ABBREVIATIONS if len(word) >= 3)
NEEDS_NUMBER_AFTER = frozenset({"no", "nos", "vol", "pp", "fig"})
# Abbreviations that may also end a sentence ("...Acme Inc. The firm", "...the U.S. He said"),
# unlike a title before a name ("Dr.", "Gen."): they end one when the next word is one that
# opens sentences and never continues a name. Initials of two letters or more count too.
MAY_END_SENTENCE = frozenset(
    {"etc", "inc", "ltd", "co", "corp", "bros", "al", "est", "jr", "sr", "st"}  # st: Street
)
SENTENCE_OPENERS = frozenset(
    [
        "The",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "But",
        "This",
        "These",
        "Those",
        "There",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "However",
        "Meanwhile",
        "Yet",
        "In",
        "On",
        "At",
        "After",
        "When",
        "If",
        "As",
        "So",
        "And",
        "Then",
        "Now",
        "Also",
    ]
)
NEXT_WORD = re.compile(r"\s*[\"“‘'(]?([A-Z][a-z]*)\b")
OPENERS = "\"'“‘(["


def split_sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    enclosed: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in text[start:end], whitespace trimmed.

    `enclosed`: the span's `enclosed_spans`, when the caller has them already."""
    end = len(text) if end is None else end
    if enclosed is None:
        enclosed = enclosed_spans(text, start, end)
    spans: list[tuple[int, int]] = []
    sentence_start = start
    candidate_end = FULL_STOP_END
    for stop in OTHER_STOPS:
        if text.find(stop, start, end) >= 0:
            candidate_end = CANDIDATE_END
            break
    for match in candidate_end.finditer(text, start, end):
        boundary = match.end()
        if enclosed and _inside(enclosed, boundary):
            continue
        period = match.start()
        if (
            text[period] == "."
            and _after_abbreviation(text, sentence_start, period, boundary)
            and not _abbreviation_ends_sentence(text, sentence_start, period, boundary)
        ):
            continue
        _append(text, spans, sentence_start, boundary)
        sentence_start = boundary
    _append(text, spans, sentence_start, end)
    return spans


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    if end - start > 1 and not text[end - 1].isspace():
        # the common cases, told without copying the sentence: nothing or one space to trim
        first = text[start]
        if not first.isspace():
            spans.append((start, end))
            return
        if first == " " and not text[start + 1].isspace():
            spans.append((start + 1, end))
            return
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + (len(piece) - len(piece.lstrip()))
        spans.append((offset, offset + len(stripped)))


def enclosed_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Brackets and quotations in text[start:end], sorted by start."""
    # searches within the paragraph, not tests on a copy of it
    straight = text.find('"', start, end) >= 0
    # what ENCLOSED starts with: without one, its scan would find nothing (most paragraphs
    # with quotation marks have only straight ones)
    enclosing = (
        text.find("(", start, end) >= 0
        or text.find("[", start, end) >= 0
        or text.find("“", start, end) >= 0
    )
    if not enclosing:
        return _straight_quotes(text, start, end) if straight else []
    spans = [(m.start(), m.end()) for m in ENCLOSED.finditer(text, start, end)]
    if straight:
        spans += _straight_quotes(text, start, end)
        spans.sort()
    return spans


def _straight_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Straight quotes paired by direction: one after a space opens, one after a word closes.

    Reporters reopen a quotation at each new paragraph or sentence without closing the one
    before ("...26 weeks. "We are going..."), so pairing quotes in turn would swap insides
    and outsides for the rest of the paragraph.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    # a substring search per mark: cheaper than a regex iteration from the compiled build
    at = start - 1
    while (at := text.find('"', at + 1, end)) >= 0:
        before = text[at - 1] if at > start else " "
        if before.isspace() or before in "([—–-":
            opened = at  # an unclosed quotation before it ends here, unquoted
        elif opened is not None:
            if at + 1 - opened <= MAX_ENCLOSED:
                spans.append((opened, at + 1))
            opened = None
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect_right(spans, (position, position)) - 1
    # spans may nest or overlap (a bracket inside a quote); check the few before too
    for span_start, span_end in spans[max(0, index - 3) : index + 1]:
        if span_start < position < span_end:
            return True
    return False


def _after_abbreviation(text: str, sentence_start: int, period: int, boundary: int) -> bool:
    last_letters = text[period - 3 : period] if period - 3 >= sentence_start else ""
    if last_letters.isascii() and last_letters.isalpha():  # "said.": three letters end the word
        # neither initials (a letter between dots) nor an abbreviation, unless one ends so
        return last_letters.lower() in ABBREVIATION_ENDINGS and _after_abbreviation_word(
            text, sentence_start, period, boundary
        )
    return _after_abbreviation_word(text, sentence_start, period, boundary)


def _after_abbreviation_word(text: str, sentence_start: int, period: int, boundary: int) -> bool:
    token = _token_before(text, sentence_start, period) + "."
    token = token.lstrip(OPENERS)
    if INITIALS.match(token):
        return True  # U.S., U.N., W. (an initial), e.g.
    word = token[:-1].lower()
    if word not in ABBREVIATIONS:
        return False
    if word in NEEDS_NUMBER_AFTER:
        following = NEXT_CHAR.match(text, boundary)
        return following is not None and following.group(1).isdigit()
    return True


def _abbreviation_ends_sentence(text: str, sentence_start: int, period: int, boundary: int) -> bool:
    following = NEXT_WORD.match(text, boundary)
    if following is None or following.group(1) not in SENTENCE_OPENERS:
        return False
    token = _token_before(text, sentence_start, period).lstrip(OPENERS)
    if token.lower() in MAY_END_SENTENCE:
        return True
    return "." in token and INITIALS.match(token + ".") is not None  # "U.S", "a.m"; not "W"


def _token_before(text: str, floor: int, period: int) -> str:
    """The run of non-space characters in text[floor:period] that ends at the period.

    Found by splitting the few characters before the period (str.split and str.isspace agree
    on what a space is): a regex search would rescan the sentence from its start at every
    period, and walking back a character at a time costs a Python step per character."""
    if period <= floor or text[period - 1].isspace():
        return ""
    near = max(floor, period - TOKEN_REACH)
    token = text[near:period].rsplit(None, 1)[-1]
    if near > floor and len(token) == period - near:  # no space within reach: walk on
        start = near
        while start > floor and not text[start - 1].isspace():
            start -= 1
        token = text[start:period]
    return token
