"""Line-level signals that tell article text from page furniture.

Nothing here knows a particular site: the signals are shape (length, final punctuation,
case), repetition within the file, and position (after a title, around relative times).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

LINE = re.compile(r"[^\r\n]+")
SENTENCE_END = re.compile(r"[.!?;:,…]['\"’”)\]]*$|\.{3}$")
# "Economy1 hour ago", "Travel & Leisure 6 hours ago": a category glued to a relative time.
RELATIVE_TIME_LINE = re.compile(
    r"^[\w&,' -]{0,40}?\s*\d{1,3}\s*(?:sec|second|min|minute|hour|hr|day|week|month|year)s?\s+ago$",
    re.IGNORECASE,
)
# Credits and image notes, whatever the site: "Image source: x.org", "Photo: AFP", "(Getty Images)".
CREDIT_LINE = re.compile(
    r"^\(?(?:(?:image|photo|picture|video|illustration|graphic|map|file photo)s?"
    r"(?: (?:source|credit|by|courtesy)s?)?\s*[:|-]"
    r"|(?:source|credit|courtesy)s?:"
    r"|.*\b(?:getty images|reuters|afp|ap photo|shutterstock)\)?$)",
    re.IGNORECASE,
)
# A caption's position words: "(second left)", "(pictured)", "(centre)".
CAPTION_POSITION = re.compile(
    r"\((?:[a-z]+ )?(?:left|right|centre|center|pictured|top|bottom|front|back)\)", re.IGNORECASE
)
EDITORIAL_MARKER = re.compile(r"\[[A-Z]{1,4}\d{1,3}\]")
TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A verb-ish word tells a sentence from a label or caption: auxiliaries and -ed/-ing forms.
VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|may|might|shall|"
    r"should|must|do|does|did|says?|said|seems?|remains?|became|becomes?|gets?|got|makes?|made|"
    r"takes?|took|goes|went|comes?|came|knows?|knew|sees?|saw|wants?|needs?|holds?|held|"
    r"grew|began|won|lost|left|led|met|fought|gave|rose|fell|told|sent|kept|built|bought|sold|"
    r"paid|spent|ran|became|stood|wrote|spoke|chose|drove|flew|broke|struck|"
    r"[a-z]{2,}(?:ed|ing|[^sui\W]s))\b"
)


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offsets of the stripped line in the file
    end: int
    text: str
    words: int  # asked of most lines several times over, so counted once


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    lines: list[Line] = []
    for match in LINE.finditer(text, start, len(text) if end is None else end):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        offset = match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(Line(offset, offset + len(stripped), stripped, len(stripped.split())))
    return lines


def ends_like_sentence(text: str) -> bool:
    return SENTENCE_END.search(text) is not None


def is_label_shaped(line: Line) -> bool:
    """Short and without sentence punctuation: navigation, category labels, headings, titles."""
    return line.words <= 8 and len(line.text) <= 80 and not ends_like_sentence(line.text)


def repeated_labels(lines: list[Line]) -> set[str]:
    """Label-shaped lines that occur more than once: site furniture, not content."""
    counts = Counter(line.text.casefold() for line in lines if is_label_shaped(line))
    return {text for text, count in counts.items() if count > 1}


def is_credit(text: str) -> bool:
    return len(text) <= 120 and CREDIT_LINE.match(text) is not None


def looks_like_caption(text: str) -> bool:
    """A short line with no verb, or one naming where people stand in a picture."""
    if CAPTION_POSITION.search(text) or is_credit(text):
        return True
    words = text.split()
    if len(words) > 16 or text.endswith((";", ",", ":", "?", "!")):
        return False
    if re.search(r"[.!?][\"”’]?\s+[A-Z]", text):
        return False  # two sentences are text, not a caption
    return VERBISH.search(text) is None


def teaser_lines(lines: list[Line]) -> set[int]:
    """Indexes of a "latest stories" list: relative-time lines, their headline and teaser."""
    marked: set[int] = set()
    for index, line in enumerate(lines):
        if line.words > 8 or not RELATIVE_TIME_LINE.match(line.text):
            continue
        marked.add(index)
        for follower in range(index + 1, min(index + 3, len(lines))):
            if RELATIVE_TIME_LINE.match(lines[follower].text):
                break
            marked.add(follower)
            if TEASER_END.search(lines[follower].text):
                break
    return marked


def mask_editorial_markers(text: str) -> str:
    """Blank out "[UB1]"-style markers, keeping every offset."""
    return EDITORIAL_MARKER.sub(lambda m: " " * len(m.group()), text)


# --- markdown ----------------------------------------------------------------------------

MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_FENCE = re.compile(r"^(?:```|~~~)")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
MD_QUOTE = re.compile(r"^\s*>\s?")


def strip_markdown(text: str) -> str:
    """Plain words for a statement; excerpts keep the markup verbatim."""
    text = MD_LINK.sub(r"\1", text)
    text = MD_EMPHASIS.sub(r"\2", text)
    text = MD_LIST.sub("", text)
    text = MD_QUOTE.sub("", text)
    return text
