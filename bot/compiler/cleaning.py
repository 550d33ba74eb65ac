"""Line-level signals that tell article text from page furniture.

Nothing here knows a particular site: the signals are shape (length, final punctuation,
case), repetition within the file, and position (after a title, around relative times).
"""

from __future__ import annotations

import re
from typing import Final

from bot.compiler.dates import MONTH

# A line (a run of characters other than \r and \n) without its leading and trailing whitespace
# (\S is what str.strip keeps); blank lines never match.
STRIPPED_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")
# Whitespace (what str.split splits at) other than a space or a line break: tabs, no-break
# spaces, ... Each is looked for by str.find, not by a pattern's scan of every character: in a
# text of Latin-1 characters (one byte each) the find is a memchr, and one for a character wider
# than any the text holds ends at once.
ASCII_OTHER_SPACES: Final = ("\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
WIDER_OTHER_SPACES: Final = (
    *("\x85", "\xa0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005"),
    *("\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f"),
    "\u3000",
)
# Ends in sentence punctuation, closing quotes or brackets after it allowed. (A final "...", also
# meant, ends in "." already; a pattern led by a character class is skipped to fast.)
SENTENCE_END = re.compile(r"[.!?;:,…]['\"’”)\]]*$")
# "Economy1 hour ago", "Travel & Leisure 6 hours ago": a category glued to a relative time.
RELATIVE_TIME_LINE = re.compile(
    r"^[\w&,' -]{0,40}?\s*\d{1,3}\s*(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago$",
    re.IGNORECASE,
)
# Credits and image notes, whatever the site: "Image source: x.org", "Photo: AFP", "(Getty Images)".
CREDIT_LINE = re.compile(
    r"^\(?(?:(?:image|photo|picture|video|illustration|graphic|map|file photo)s?"
    r"(?: (?:source|credit|by|courtesy|caption)s?)?\s*[:|-]"
    r"|(?:source|credit|courtesy)s?:"
    r"|.*\b(?:getty images|reuters|afp|ap photo|shutterstock)\)?$)",
    re.IGNORECASE,
)
# CREDIT_LINE in two parts: its opening words, and an agency at the end, looked for only among
# the last characters (".*" made the whole pattern try every position of the line).
CREDIT_OPENING = re.compile(
    r"^\(?(?:(?:image|photo|picture|video|illustration|graphic|map|file photo)s?"
    r"(?: (?:source|credit|by|courtesy|caption)s?)?\s*[:|-]"
    r"|(?:source|credit|courtesy)s?:)",
    re.IGNORECASE,
)
CREDIT_AGENCY = re.compile(
    r"\b(?:getty images|reuters|afp|ap photo|shutterstock)\)?$", re.IGNORECASE
)
AGENCY_REACH = 16  # "shutterstock)" and a final newline, which $ allows, with room to spare
# The words web pages put around any article, whatever the site: furniture inside an article
# ("Advertisement", share buttons, newsletter and cookie prompts) is skipped but does not end it.
INLINE_FURNITURE = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?"
    r"|share|share (?:this|the) (?:article|story|page)"
    r"|share (?:on|via) \w+|share this|like this|loading(?:\.\.\.|…)?"
    r"|tweet|email|e-mail|print|copy link|save|read more|continue reading"
    r"|read the full (?:article|story)|skip to (?:main )?content|menu|search|home|sign in|log in"
    r"|sign up|subscribe(?: now)?|register|follow us(?: on \w+)?|listen to (?:this|the) article"
    r"|\d{1,2} min(?:ute)?s? read|(?:estimated )?reading time:? ?\d{1,3} ?(?:min(?:ute)?s?)?"
    r"|accept(?: all)?(?: cookies)?|reject all"
    r"|manage (?:cookies|preferences|settings))[.!:]?$"
    r"|^(?:read more|read also|also read|related|see also)\s*:\s*\S.{0,120}$"
    # a share bar: "Facebook Twitter LinkedIn WhatsApp Email"
    r"|^(?:(?:share (?:on|via) )?(?:facebook|twitter|linkedin|whatsapp|email|e-mail|reddit"
    r"|pinterest|telegram|messenger|print|copy link|tumblr|flipboard|pocket)[\s|,•·/]*){2,}$",
    re.IGNORECASE,
)
# What closes one text of a page before the next begins: a "Read more" link, a rule ("---",
# "* * *", "====="). Before a title-shaped line, it makes that line the next article's title.
END_OF_TEXT = re.compile(
    r"^(?:read more|continue reading|read the full (?:article|story)"
    r"|share this (?:article|story|page)|back to top)[.!:…]?$"
    r"|^[-*_=~•·+ ]{3,}$",
    re.IGNORECASE,
)
SEPARATOR_CHARACTERS = "-*_=~•·+"
PROMPT = re.compile(
    r"\b(?:sign up|subscribe)\b.*\b(?:newsletters?|inbox)\b"
    r"|\bnewsletters?\b.*\b(?:sign up|subscribe|inbox)\b"
    r"|\b(?:use|uses|accept|allow) (?:of )?cookies\b"
    r"|\bcookies? (?:policy|settings|preferences|notice)\b"
    r"|\bcookies\b.*\b(?:browsing|consent|(?:this|our) (?:site|website))\b",
    re.IGNORECASE,
)
# what PROMPT asks about, tested as substrings (is_inline_furniture) before the pattern runs:
# "newsletter", "inbox", "cookie"
# Headings of what follows an article on a page (related links, comments, footer): they end it.
TRAILING_FURNITURE = re.compile(
    r"^(?:related(?: articles| stories| posts| content| news| coverage| reading| topics)?"
    r"|more (?:from|on|in|stories|news|articles)\b.{0,40}"
    r"|(?:most|more) (?:read|popular|viewed|shared|commented)(?: stories| articles)?"
    r"|recommended(?: for you| articles| stories| reading)?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).{0,20}"
    r"|(?:read|up|what to read) next|also read|see also"
    r"|(?:\d+ )?comments?|(?:leave|post|add) a (?:comment|reply)"
    r"|join the (?:conversation|discussion)"
    r"|(?:©|\(c\)|copyright\b).*|all rights reserved.*"
    r"|(?:tags|tagged(?: with)?|filed under|posted in|categories|topics)\s*:.{0,120}"
    r"|(?:latest|top|trending) (?:news|stories|articles|headlines))[.:]?$",
    re.IGNORECASE,
)
# A byline date on a line of its own: "March 3, 2021", "Published 12 May 2022", "2021-03-03".
DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|first published|last updated)(?: on)?:?\s+)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}} {MONTH},? \d{{4}}|\d{{4}}-\d\d-\d\d)"
    r"(?:(?:,|\s|-|\||at|•)+\d{1,2}[:.]\d\d(?:\s?[ap]\.?m\.?)?(?:\s?[A-Z]{2,4})?)?$",
    re.IGNORECASE,
)
# A caption's position words: "(second left)", "(pictured)", "(centre)".
CAPTION_POSITION = re.compile(
    r"\((?:[a-z]+ )?(?:left|right|centre|center|pictured|top|bottom|front|back)\)", re.IGNORECASE
)
EDITORIAL_MARKER = re.compile(r"\[[A-Z]{1,4}\d{1,3}\]")
TWO_SENTENCES = re.compile(r"[.!?][\"”’]?\s+[A-Z]")
TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A verb-ish word tells a sentence from a label or caption: auxiliaries and -ed/-ing forms.
VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|may|might|shall|"
    r"should|must|do|does|did|says?|said|seems?|remains?|became|becomes?|gets?|got|makes?|made|"
    r"takes?|took|goes|went|comes?|came|knows?|knew|sees?|saw|wants?|needs?|holds?|held|"
    r"grew|began|won|lost|left|led|met|fought|gave|rose|fell|told|sent|kept|built|bought|sold|"
    r"paid|spent|ran|became|stood|wrote|spoke|chose|drove|flew|broke|struck|"
    r"swore|sworn|fled|sought|caught|taught|thought|brought|stole|drew|threw|bore|tore|wore|"
    r"dealt|felt|meant|swept|froze|rode|woke|sank|sang|rang|swam|shook|forgave|forgot|arose|"
    r"withdrew|overthrew|undertook|underwent|oversaw|"
    r"[a-z]{2,}(?:ed|ing|[^sui\W]s))\b"
)


# One per line of every document: a plain class with a typed __init__ is native under mypyc (a
# named tuple's __new__ runs as bytecode there) and made as fast as a named tuple in Python.
class Line:
    __slots__ = ("end", "start", "text", "words")

    def __init__(self, start: int, end: int, text: str, words: int) -> None:
        self.start = start  # offsets of the stripped line in the file
        self.end = end
        self.text = text
        self.words = words  # asked of most lines several times over, so counted once

    def __repr__(self) -> str:
        return f"Line(start={self.start}, end={self.end}, text={self.text!r}, words={self.words})"


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    stop = len(text) if end is None else end
    # In most files no whitespace but spaces parts words: a line's words are then its spaces
    # plus one unless it holds a double space (a fast test, where isprintable is a method call).
    only_spaces = not has_other_space(text, start, stop)
    if text.find("\r", start, stop) >= 0:  # lines end at \r too: the pattern finds them
        return _split_lines_by_pattern(text, start, stop, only_spaces)
    # Lines found by memchr (str.find) and stripped by str.strip, which strips what \S leaves
    # out: the same lines as STRIPPED_LINE, found several times faster than by its scan.
    lines: list[Line] = []
    position = start
    while position < stop:
        newline = text.find("\n", position, stop)
        if newline < 0:
            newline = stop
        line = text[position:newline]
        stripped = line.strip()
        if stripped:
            line_start = position
            if len(stripped) < len(line):
                line_start += len(line) - len(line.lstrip())
            words = _words(stripped, only_spaces)
            lines.append(Line(line_start, line_start + len(stripped), stripped, words))
        position = newline + 1
    return lines


def _split_lines_by_pattern(text: str, start: int, stop: int, only_spaces: bool) -> list[Line]:
    lines: list[Line] = []
    for match in STRIPPED_LINE.finditer(text, start, stop):
        line_start, line_end = match.span()  # one call for what start(), end(), group() give
        stripped = text[line_start:line_end]
        lines.append(Line(line_start, line_end, stripped, _words(stripped, only_spaces)))
    return lines


def _words(line: str, only_spaces: bool) -> int:
    if only_spaces and "  " not in line:
        return line.count(" ") + 1
    return word_count(line)


def has_other_space(text: str, start: int, stop: int) -> bool:
    """Whether text[start:stop] holds whitespace other than spaces and line breaks."""
    # loops, not any(): no generator object
    for space in ASCII_OTHER_SPACES:
        if text.find(space, start, stop) >= 0:
            return True
    if text.isascii():
        return False
    for space in WIDER_OTHER_SPACES:  # noqa: SIM110
        if text.find(space, start, stop) >= 0:
            return True
    return False


def word_count(text: str) -> int:
    """len(text.split()) for text with no space at its ends, without making the words: a
    printable text has no space but " " (str.isprintable), so single spaces part its words."""
    if text.isprintable() and "  " not in text:
        return text.count(" ") + 1
    return len(text.split())


def ends_like_sentence(text: str) -> bool:
    return SENTENCE_END.search(text) is not None


def is_label_shaped(line: Line) -> bool:
    """Short and without sentence punctuation: navigation, category labels, headings, titles."""
    return line.words <= 8 and len(line.text) <= 80 and not ends_like_sentence(line.text)


def repeated_labels(lines: list[Line]) -> set[str]:
    """Label-shaped lines that occur more than once: site furniture, not content."""
    counts: dict[str, int] = {}  # a plain loop: compiled, where Counter's runs as bytecode
    for line in lines:
        if is_label_shaped(line):
            text = line.text.casefold()
            counts[text] = counts.get(text, 0) + 1
    return {text for text, count in counts.items() if count > 1}


def is_credit(text: str) -> bool:
    """CREDIT_LINE.match(text), for a text of at most 120 characters."""
    if len(text) > 120:
        return False
    if CREDIT_OPENING.match(text) is not None:
        return True
    agency = CREDIT_AGENCY.search(text, max(0, len(text) - AGENCY_REACH))
    return agency is not None and "\n" not in text[: agency.start()]  # "." stops at a newline


def is_inline_furniture(line: Line) -> bool:
    """Share buttons, "Advertisement", newsletter and cookie prompts: never facts."""
    if line.words > 30:
        return False
    if INLINE_FURNITURE.match(line.text) is not None:
        return True
    if line.text[0] in SEPARATOR_CHARACTERS and END_OF_TEXT.match(line.text) is not None:
        return True  # a rule between texts
    # the prompt pattern scans the whole line: only lines naming what prompts ask about pay
    lower = line.text.lower()
    return ("newsletter" in lower or "inbox" in lower or "cookie" in lower) and PROMPT.search(
        line.text
    ) is not None


def is_trailing_furniture(line: Line) -> bool:
    """A heading of what a page puts after an article: related links, comments, the footer."""
    return line.words <= 12 and TRAILING_FURNITURE.match(line.text) is not None


def is_date_line(line: Line) -> bool:
    return line.words <= 10 and DATE_LINE.match(line.text) is not None


def looks_like_caption(text: str) -> bool:
    """A short line with no verb, or one naming where people stand in a picture; never an item
    of a list ("- Pay a $1,000 fine")."""
    if CAPTION_POSITION.search(text) or is_credit(text):
        return True
    if text[0] in LIST_MARKS and MD_LIST.match(text) is not None:
        return False
    words = text.split()
    if len(words) > 16 or text.endswith((";", ",", ":", "?", "!")):
        return False
    if TWO_SENTENCES.search(text):
        return False  # two sentences are text, not a caption
    return VERBISH.search(text) is None


def teaser_lines(lines: list[Line]) -> set[int]:
    """Indexes of a "latest stories" list: relative-time lines, their headline and teaser."""
    marked: set[int] = set()
    for index, line in enumerate(lines):
        if line.words > 8 or not is_relative_time(line.text):
            continue
        marked.add(index)
        for follower in range(index + 1, min(index + 3, len(lines))):
            if is_relative_time(lines[follower].text):
                break
            marked.add(follower)
            if TEASER_END.search(lines[follower].text):
                break
    return marked


def is_relative_time(text: str) -> bool:
    """RELATIVE_TIME_LINE.match(text), tried only on a text ending in "ago" (before a final
    newline, which $ allows): the pattern's lazy start is tried at each of the first 40
    characters of every line otherwise."""
    return "ago" in text[-4:].lower() and RELATIVE_TIME_LINE.match(text) is not None


def mask_editorial_markers(text: str) -> str:
    """Blank out "[UB1]"-style markers, keeping every offset."""
    return EDITORIAL_MARKER.sub(lambda m: " " * len(m.group()), text)


# --- markdown ----------------------------------------------------------------------------

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_FENCE = re.compile(r"^(?:```|~~~)")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
MD_LIST = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
LIST_MARKS = "-*+•0123456789"  # how an MD_LIST line without leading space begins
MD_QUOTE = re.compile(r"^\s*>\s?")


def strip_markdown(text: str) -> str:
    """Plain words for a statement; excerpts keep the markup verbatim."""
    text = MD_LINK.sub(r"\1", text)
    text = MD_EMPHASIS.sub(r"\2", text)
    text = MD_LIST.sub("", text)
    text = MD_QUOTE.sub("", text)
    return text
