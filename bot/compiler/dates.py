"""Dates a sentence gives: "March 15, 2020", "in February 2020", "July 28 and 29", "last month".

Relative dates and dates without a year are resolved only against the document's own date;
otherwise the words are kept (date_text) and no date is invented.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# "May and June 2020", "May-June 2020": a month range, dated by the year after its last month
MONTH_RANGE_TAIL = rf"(?: and | to | or | ?[-–/] ?){MONTH}"
# "by 1700 GMT", "from 1900GMT", "at 1700 local time": four digits before a time zone or
# "hours" are a clock time, not a year
CLOCK_TAIL = r" ?(?:GMT|BST|UTC|CET|EST|hrs|hours|local time)\b"
DATE = re.compile(
    rf"\b(?P<iy>{YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?![\d-])"
    rf"|\b(?P<m1>{MONTH}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:(?: and | ?[-–] ?)\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:,? (?P<y1>{YEAR}))?(?!\d)"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m2>{MONTH})(?:,? (?P<y2>{YEAR}))?(?!\d)"
    rf"|\b(?P<m3>{MONTH})(?:{MONTH_RANGE_TAIL})?,? (?:of )?(?P<y3>{YEAR})(?!\d)"
    rf"|(?<![\d$£€.,\w-])(?P<y4>{YEAR})(?![\d%]|s\b|['’]s|-\d|\.\d|,\d|{CLOCK_TAIL})"
    rf"|\b(?P<rel>(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]revious|[Pp]ast) (?:month|year|week)|[Yy]esterday"
    rf"|(?:[Ee]arly|[Ee]arlier|[Ll]ate|[Ll]ater) this year)\b"
    rf"|\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-|[Mm]id|[Ll]ast"
    rf"|[Nn]ext|[Tt]his) (?P<m4>{MONTH})\b(?! \d|,? {YEAR}(?!\d)|{MONTH_RANGE_TAIL},? {YEAR})"
)
# Every DATE match starts at a month, a digit, a relative word or a word before a month. DATE
# has no prefix the regex engine can skip to, so it tries its alternatives at every position;
# search_date finds the few positions worth trying, several times faster.
_MONTH_START = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# Digits and month names with no word character before them (every DATE alternative opening
# with one asks for that). Led by a character class, so the regex engine skips to those few
# characters; the lowercase words are found by search_date's substring tests.
DIGIT_OR_MONTH = re.compile(
    r"[\dADFJMNOS](?<!\w.)(?:(?<=\d)|(?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)"
    rf"(?<={_MONTH_START}))"
)
# Words DATE takes before a month ("in March", "mid- May"), and before a unit ("last year").
# Each also capitalized: a sentence opens with them ("Last year", "In March").
WORDS_BEFORE_MONTH = (
    *("in", "since", "by", "until", "from", "during"),
    *("early", "late", "mid-", "mid", "last", "next", "this"),
    *("In", "Since", "By", "Until", "From", "During"),
    *("Early", "Late", "Mid-", "Mid", "Last", "Next", "This"),
)
WORDS_BEFORE_UNIT: tuple[str, ...] = ("last", "this", "next", "previous", "past")
WORDS_BEFORE_UNIT += tuple(word.capitalize() for word in WORDS_BEFORE_UNIT)
WORDS_BEFORE_THIS_YEAR: tuple[str, ...] = ("early ", "earlier ", "late ", "later ")
WORDS_BEFORE_THIS_YEAR += tuple(word.capitalize() for word in WORDS_BEFORE_THIS_YEAR)


def _by_last_character(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The words grouped by their last character: only a few can end before a given one."""
    groups: dict[str, tuple[str, ...]] = {}
    for word in words:
        groups[word[-1]] = (*groups.get(word[-1], ()), word)
    return groups


BEFORE_MONTH_BY_END = _by_last_character(WORDS_BEFORE_MONTH)
BEFORE_UNIT_BY_END = _by_last_character(WORDS_BEFORE_UNIT)
BEFORE_THIS_YEAR_BY_END = _by_last_character(WORDS_BEFORE_THIS_YEAR)
UNITS = (" month", " year", " week")
ISO_DATE = re.compile(rf"\b(?P<y>{YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")


class FoundDate:  # a plain class with a typed __init__: native under mypyc, unlike a dataclass
    __slots__ = ("date", "text")

    def __init__(self, date: str | None, text: str) -> None:
        self.date = date  # YYYY | YYYY-MM | YYYY-MM-DD
        self.text = text  # as written

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FoundDate) and (self.date, self.text) == (other.date, other.text)

    def __hash__(self) -> int:
        return hash((self.date, self.text))

    def __repr__(self) -> str:
        return f"FoundDate(date={self.date!r}, text={self.text!r})"


# Cheap tests first: most sentences hold no year, no capitalized month and no relative word.
MONTH_NAMES = (
    *("Jan(?:uary)?", "Feb(?:ruary)?", "Mar(?:ch)?", "Apr(?:il)?", "May", "June?", "July?"),
    *("Aug(?:ust)?", "Sept?(?:ember)?", "Oct(?:ober)?", "Nov(?:ember)?", "Dec(?:ember)?"),
)
MAYBE_DATE_PLAIN = rf"[12]\d\d\d|(?:{'|'.join(MONTH_NAMES)})\.?(?:[ ,;:)]|$)"
# The same matches as MAYBE_DATE_PLAIN, written so that every alternative opens with a plain
# character: the regex engine then skips to those characters instead of trying each alternative
# at every position (six times faster over prose), and at each one it rejects an alternative
# by its first character, with no lookbehind to run. A month name is followed by a space or
# punctuation: "in May 2020", "in May, ...", "in May."
_TAIL = r"\.?(?:[ ,;:)]|$)"
MAYBE_DATE = re.compile(r"1\d\d\d|2\d\d\d|" + "|".join(f"{m}{_TAIL}" for m in MONTH_NAMES))
RELATIVE_WORDS = ("last ", "this ", "next ", "previous ", "past ", "yesterday")
CAPITALIZED_RELATIVE_WORDS = tuple(word.capitalize() for word in RELATIVE_WORDS)
CAPITALIZED_INITIALS = "".join(sorted({word[0] for word in CAPITALIZED_RELATIVE_WORDS}))
RELATIVE_WORD = re.compile("|".join(RELATIVE_WORDS + CAPITALIZED_RELATIVE_WORDS))
MONTH_START = re.compile(_MONTH_START)  # how every MONTH begins
YEAR_DIGITS = re.compile(r"1\d\d\d|2\d\d\d")  # how every YEAR begins


def find_date(text: str, start: int, end: int, document_date: str | None) -> FoundDate | None:
    """The first date in text[start:end]."""
    candidate = MAYBE_DATE.search(text, start, end)
    if candidate is None:
        if not _has_relative_word(text[start:end]):
            return None
        relative = RELATIVE_WORD.search(text, start, end)
        if relative is None:
            return None
        # With no year and no "Mon " here, a match is a month name before punctuation ("in
        # March,") or a relative date, which starts at most "earlier " before its relative word.
        floor = start if MONTH_START.search(text, start, end) else relative.start() - 8
        match = search_date(text, max(start, floor), end)
    else:  # a date starts at most a day-of-month and "of" before its year or month, unless a
        # relative date comes first ("this month ... in Novorossiysk."; "Last year ... 2020")
        floor = candidate.start() - 12
        if floor > start and _has_relative_word(text[start : candidate.start()]):
            floor = start
        match = search_date(text, max(start, floor), end)
    if match is None:
        return None
    resolved = _resolve(match, document_date)
    # "Last year ... in 2005" with no document date: 2005 dates the sentence (with none, only a
    # date with a year resolves)
    if resolved is None and (document_date or YEAR_DIGITS.search(text, match.end(), end)):
        later = search_date(text, match.end(), end)
        while later is not None:
            later_date = _resolve(later, document_date)
            if later_date is not None:
                return FoundDate(later_date, later.group().strip())
            later = search_date(text, later.end(), end)
    return FoundDate(resolved, match.group().strip())


def _has_relative_word(words: str) -> bool:
    """RELATIVE_WORD.search(words) is not None, by substring tests (several times faster); a
    capitalized relative word is looked for only where it opens the sentence ("Last year",
    "“Last year")."""
    return (
        "this " in words
        or "last " in words
        or "past " in words
        or "next " in words
        or "previous " in words
        or "yesterday" in words
        # a letter test first: few sentences open with one of the words' capitals
        or (words[:1] in CAPITALIZED_INITIALS and words.startswith(CAPITALIZED_RELATIVE_WORDS))
        or (  # after an opening quote
            words[1:2] in CAPITALIZED_INITIALS and words.startswith(CAPITALIZED_RELATIVE_WORDS, 1)
        )
    )


def search_date(text: str, start: int, end: int) -> re.Match[str] | None:
    """DATE.search(text, start, end), trying DATE only where a date can start: at a digit or a
    month name (with the word before a month first), or before "month", "year", "week" and at
    "yesterday": every position a DATE match can start at is one of these."""
    found = _search_at_digits_and_months(text, start, end)
    before = end if found is None else found.start()
    for at in _relative_starts(text, start, end, before):
        match = DATE.match(text, at, end)
        if match is not None:
            return match
    return found


def _search_at_digits_and_months(text: str, start: int, end: int) -> re.Match[str] | None:
    position = start
    while (candidate := DIGIT_OR_MONTH.search(text, position, end)) is not None:
        at = candidate.start()
        if candidate.end() > at + 1 and at > start and text[at - 1] == " ":  # a month
            for opening in _word_starts(text, at - 1, start, BEFORE_MONTH_BY_END):
                match = DATE.match(text, opening, end)
                if match is not None:
                    return match
        match = DATE.match(text, at, end)
        if match is not None:
            return match
        position = at + 1
    return None


def _word_starts(
    text: str, space: int, start: int, by_end: dict[str, tuple[str, ...]]
) -> list[int]:
    """Where each of the words (grouped by their last character) that ends just before
    text[space] starts, from the first."""
    starts: list[int] = []
    if space <= start:
        return starts
    words = by_end.get(text[space - 1])
    if words is None:
        return starts
    for word in words:
        at = space - len(word)
        if at >= start and text.startswith(word, at):
            starts.append(at)
    starts.sort()
    return starts


def _relative_starts(text: str, start: int, end: int, before: int) -> list[int]:
    """Positions before `before` where DATE's relative dates can start, in order."""
    starts: list[int] = []
    at = text.find("esterday", start + 1, end)  # "yesterday" or "Yesterday"
    while 0 <= at - 1 < before:
        if text[at - 1] in "Yy":
            starts.append(at - 1)
        at = text.find("esterday", at + 1, end)
    for unit in UNITS:
        at = text.find(unit, start, end)
        while at >= 0 and at - 13 < before:  # "earlier this year" starts 13 before its " year"
            for opening in _word_starts(text, at, start, BEFORE_UNIT_BY_END):
                if opening < before:
                    starts.append(opening)
                if unit == " year" and opening == at - 4 and text.startswith("this", opening):
                    for early in _word_starts(text, opening, start, BEFORE_THIS_YEAR_BY_END):
                        if early < before:
                            starts.append(early)
            at = text.find(unit, at + 1, end)
    starts.sort()
    return starts


def document_date(text: str) -> str | None:
    """A full date in a short header text ("Published on March 3, 2021"), as YYYY-MM-DD."""
    if not text.isascii():  # "4\xa0March\xa02021": the pattern's spaces are plain ones
        text = " ".join(text.split())
    iso = ISO_DATE.search(text)
    if iso:
        return iso.group()
    for match in DATE.finditer(text):
        resolved = _resolve(match, None)
        if resolved and len(resolved) == 10:
            return resolved
    return None


# DATE's groups as indexes into match.groups(): a tuple, cheaper to make than groupdict()'s dict
IY: Final = DATE.groupindex["iy"] - 1
IM: Final = DATE.groupindex["im"] - 1
ID: Final = DATE.groupindex["id"] - 1
M1: Final = DATE.groupindex["m1"] - 1
D1: Final = DATE.groupindex["d1"] - 1
Y1: Final = DATE.groupindex["y1"] - 1
D2: Final = DATE.groupindex["d2"] - 1
M2: Final = DATE.groupindex["m2"] - 1
Y2: Final = DATE.groupindex["y2"] - 1
M3: Final = DATE.groupindex["m3"] - 1
Y3: Final = DATE.groupindex["y3"] - 1
Y4: Final = DATE.groupindex["y4"] - 1
REL: Final = DATE.groupindex["rel"] - 1
M4: Final = DATE.groupindex["m4"] - 1


def _resolve(match: re.Match[str], document_date: str | None) -> str | None:
    groups = match.groups()
    if groups[IY]:
        return f"{groups[IY]}-{groups[IM]}-{groups[ID]}"
    doc_year = document_date[:4] if document_date else None
    if groups[M1] or groups[M2]:
        month = _month(groups[M1] or groups[M2])
        day = int(groups[D1] or groups[D2])
        year = groups[Y1] or groups[Y2] or doc_year
        if not 1 <= day <= 31:
            return None
        return f"{year}-{month:02d}-{day:02d}" if year else None
    if groups[M3]:
        return f"{groups[Y3]}-{_month(groups[M3]):02d}"
    if groups[Y4]:
        return groups[Y4]
    if groups[M4]:
        return f"{doc_year}-{_month(groups[M4]):02d}" if doc_year else None
    if groups[REL]:
        return _relative(groups[REL].casefold(), document_date)
    return None


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.casefold().rstrip(".")]


def _relative(words: str, document_date: str | None) -> str | None:
    if not document_date or len(document_date) < 7:
        return None
    year, month = int(document_date[:4]), int(document_date[5:7])
    if words.endswith("year"):
        shift = (
            -1 if words.startswith(("last", "previous", "past")) else 1 if "next" in words else 0
        )
        return str(year + shift)
    if words.endswith("month"):
        shift = (
            -1 if words.startswith(("last", "previous", "past")) else 1 if "next" in words else 0
        )
        index = year * 12 + (month - 1) + shift
        return f"{index // 12}-{index % 12 + 1:02d}"
    if len(document_date) == 10:  # "yesterday", "last week": day arithmetic needs a full date
        try:
            day = date.fromisoformat(document_date)
        except ValueError:
            return None
        if words == "yesterday":
            return (day - timedelta(days=1)).isoformat()
        if words.endswith("week"):
            back = words.startswith(("last", "previous", "past"))
            shift = -7 if back else 7 if "next" in words else 0
            return (day + timedelta(days=shift)).isoformat()[:7]
    return None
