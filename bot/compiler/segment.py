"""Splitting a file into articles, and an article into headings, captions and paragraphs.

A captured web page repeats its furniture (a category label above every title, "Published"
under it, "Continue Reading" after the text) and puts a byline or a date under each title. A
title is a title-shaped line with such header furniture just below it; an article runs from
its title to the next title or to the page's trailing furniture (a teaser list, a "Related" or
"Comments" heading, the footer). Furniture inside an article (a repeated photo credit,
"Advertisement", share buttons, newsletter prompts) is skipped without ending it. A plain file
(title line, then paragraphs) is one article.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from bot.compiler.cleaning import (
    CAPTION_POSITION,
    END_OF_TEXT,
    MD_FENCE,
    MD_HEADING,
    MD_LIST,
    TWO_SENTENCES,
    VERBISH,
    Line,
    ends_like_sentence,
    is_credit,
    is_date_line,
    is_inline_furniture,
    is_label_shaped,
    is_trailing_furniture,
    looks_like_caption,
    repeated_labels,
    split_lines,
    teaser_lines,
    word_count,
)
from bot.compiler.dates import document_date

PARAGRAPH = "paragraph"
HEADING = "heading"
CAPTION = "caption"
INTERNAL_BREAK = re.compile(r"[.!?][\"”’]?\s+[\"“‘]?[A-Z]")
SENTENCE_STOPS: Final = (".", "!", "?")  # INTERNAL_BREAK's first characters
HEADER_REACH = 5  # lines after a title that may still hold its byline furniture


def _fields_repr(value: object, names: tuple[str, ...]) -> str:
    """ "Block(start=0, end=4, ...)": what a dataclass's repr says, for the plain classes here."""
    fields = ", ".join(f"{name}={getattr(value, name)!r}" for name in names)
    return f"{type(value).__name__}({fields})"


class Block:  # one per line of every document: a plain class is native under mypyc
    __slots__ = ("end", "kind", "section", "start")

    def __init__(self, start: int, end: int, kind: str, section: str | None = None) -> None:
        self.start = start
        self.end = end
        self.kind = kind  # paragraph | heading | caption
        self.section = section  # the heading above a paragraph

    def __repr__(self) -> str:
        return _fields_repr(self, ("start", "end", "kind", "section"))


# Article and Furniture are made for every document: plain classes with a typed __init__ are
# native under mypyc (a dataclass's generated __init__ runs as bytecode there).
class Article:
    __slots__ = ("blocks", "end", "header", "start", "title")

    def __init__(self, title: str, start: int, end: int) -> None:
        self.title = title
        self.start = start
        self.end = end
        self.blocks: list[Block] = []
        self.header: list[Line] = []  # byline lines between title and text

    def __repr__(self) -> str:
        return _fields_repr(self, ("title", "start", "end", "blocks", "header"))


class Furniture:
    """Which lines of a file are page furniture, by what they tell about the articles."""

    __slots__ = ("headers", "inline", "marks", "skipped", "stops")

    def __init__(
        self, marks: set[int], headers: set[int], inline: set[int], stops: set[int]
    ) -> None:
        self.marks = marks  # repeated labels, bylines, date lines, teasers: they frame titles
        self.headers = headers  # bylines and date lines: a title sits just above them
        self.inline = inline  # share buttons, "Advertisement", prompts: skipped inside an article
        self.stops = stops  # teasers, "Related"/"Comments" headings, the footer: an article ends
        self.skipped = marks | inline  # marks and inline furniture: never part of article text


def segment(text: str, *, markdown: bool = False) -> list[Article]:
    lines = split_lines(text)
    headings: set[int] = set()
    if markdown:
        lines, headings = _markdown_lines(lines)
    if not lines:
        return []
    furniture = _furniture(lines)
    titles = _titles(lines, furniture)
    articles = _page_articles(lines, furniture, titles) if titles else []
    if not articles:
        articles = [_plain_article(lines, furniture, headings)]
    headline_titles = bool(titles) and all(is_headline_case(lines[i].text) for i in titles)
    starts = _ArticleStarts(text, lines, furniture, headline_titles=headline_titles)
    parts = [part for a in articles if a.blocks for part in starts.split(a)]
    for part in parts:
        _add_dateline(text, part)
    return parts


def _add_dateline(text: str, article: Article) -> None:
    """A dateline ("WASHINGTON, March 4, 2021 (AP) -") dates the article as a byline does."""
    for block in article.blocks:
        if block.kind == PARAGRAPH:
            _add_dateline_of(text, article, block)
            return


def _add_dateline_of(text: str, article: Article, first: Block) -> None:
    """The dateline joins the header; the paragraph's text starts after it: "KABUL - " is
    where the report was filed, not a place its first sentence speaks of."""
    dateline = DATELINE.match(text, first.start, first.end)
    if dateline is not None and dateline.end() < first.end:
        words = dateline.group().strip()
        start = dateline.start()
        article.header.append(Line(start, start + len(words), words, word_count(words)))
        first.start = dateline.end()


# "LONDON (Reuters) - ", "KABUL, Afghanistan – ", "WASHINGTON, March 4 (AP) — ",
# "Geneva (AFP) - ": the place (and date, agency) a report opens with. Only an article opens so.
CAPITAL = "A-ZÀ-ÖØ-Þ"
CITY_IN_CAPITALS = (
    rf"(?:[{CAPITAL}][{CAPITAL}.'’-]{{2,}}|[{CAPITAL}][{CAPITAL}.'’-]+(?= [{CAPITAL}]))"
    rf"(?: [{CAPITAL}][{CAPITAL}.'’-]+){{0,3}}"
)  # "KABUL", "NEW YORK", "LA PAZ"; not "US"
DATELINE = re.compile(
    rf"(?:{CITY_IN_CAPITALS}(?:, [\w .,'’-]{{1,40}}?)?(?: ?\([\w&. ]{{2,20}}\))?"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?:, [\w .,'’-]{1,40}?)? ?\([A-Z][\w&. ]{1,20}\))"
    r" ?[-–—] "
)
# the last characters of a text SENTENCE_END matches (ends_like_sentence)
SENTENCE_END_CHARACTERS = ".!?;:,…'\"’”)]"
TITLE_WORD_PUNCTUATION = "\"'“”‘’:;,.?!()[]"


def is_headline_case(text: str) -> bool:
    """ "Rivers Burst Their Banks Across the North": every word of four letters or more
    capitalized (a sentence-case heading, "What the deal means for Asia?", has lowercase ones)."""
    words = text.split()
    if len(words) < 4:
        return False
    long_words = [w for w in (word.strip(TITLE_WORD_PUNCTUATION) for word in words) if len(w) > 3]
    return len(long_words) >= 2 and all(not w[0].islower() for w in long_words)


class _ArticleStarts:
    """Where a title-shaped line inside an article starts the next article, though no byline or
    label marks it: a rule or a "Read more" link above it, a wider gap above it than the
    paragraphs have, a byline or date line under it, a dateline opening its first paragraph, on
    a page whose titles are all in headline case, headline case, or, in a file of articles
    pasted one after another, the first title's spacing and a word its lede shares with it
    that the article above never used (_next_story)."""

    __slots__ = (
        "first_title",
        "furniture",
        "headline_titles",
        "line_starts",
        "lines",
        "paragraph_gap",
        "part_from",
        "plain_title",
        "teasers",
        "text",
        "title_gap",
        "title_level",
    )

    def __init__(
        self, text: str, lines: list[Line], furniture: Furniture, *, headline_titles: bool
    ) -> None:
        self.text = text
        self.lines = lines
        self.furniture = furniture
        self.headline_titles = headline_titles
        self.line_starts: list[int] = []  # made when a candidate title needs them
        self.paragraph_gap = -1.0  # of the article being split, once measured
        self.plain_title = False  # the article being split opens with a title and no byline
        self.title_gap = -1  # line breaks between its title and its text, once counted
        self.title_level = 0  # its title's markdown heading level ("#": 1), 0 if none
        self.teasers: list[int] = []  # its blocks that are teasers for other stories
        self.part_from = 0  # where the title of the part being read starts
        self.first_title = ""  # the title of the article being split

    def split(self, article: Article) -> list[Article]:
        blocks = article.blocks
        self.plain_title = bool(article.title) and not article.header
        self.first_title = article.title
        self.title_level = self._heading_level(article.start) if article.title else 0
        self.title_gap = -1
        self.teasers = []
        self.part_from = article.start
        cuts = self._cuts(blocks)
        if self.teasers:
            blocks = self._without_teasers(blocks, cuts)
            article.blocks = blocks
        if not cuts:
            return [article]
        parts: list[Article] = []
        first = 0
        for cut in [*cuts, len(blocks)]:
            part_blocks = blocks[first:cut]
            if first == 0:
                part = article
            else:
                title = part_blocks.pop(0)
                part = Article(self.text[title.start : title.end], title.start, title.end)
                part.header = self._lines_between(title.end, part_blocks[0].start)
                _clear_section(part_blocks, part.title)
            while part_blocks and part_blocks[-1].kind != PARAGRAPH:
                part_blocks.pop()  # a caption or label before the next title is the page's
            part.blocks = part_blocks
            if part_blocks:
                part.end = part_blocks[-1].end
                parts.append(part)
            first = cut
        return parts

    def _cuts(self, blocks: list[Block]) -> list[int]:
        """Indexes of the blocks that are titles of further articles."""
        cuts: list[int] = []
        text = self.text
        self.paragraph_gap = -1.0
        seen_paragraph = False
        for k in range(len(blocks) - 1):
            block = blocks[k]
            if block.kind == PARAGRAPH:
                # most paragraphs end in sentence punctuation: no title, told by their last letter
                if (
                    seen_paragraph
                    and block.end - block.start <= 200
                    and (
                        text[block.end - 1] not in SENTENCE_END_CHARACTERS
                        or text[block.end - 1] in "?!"
                    )
                    and _prose_follows(text, blocks, k)
                    and _is_title_text(text[block.start : block.end], fewest=2)
                    and (not cuts or cuts[-1] != k - 1)  # a title is no article's only text
                    and self._starts_article(blocks, k)
                ):
                    self._cut(cuts, blocks, k)
                seen_paragraph = True
            elif (
                block.kind == HEADING
                and seen_paragraph
                and _prose_follows(text, blocks, k)
                and MD_LIST.match(text[block.start : block.end]) is None
                and self._starts_article(blocks, k)
            ):
                self._cut(cuts, blocks, k)
        return cuts

    def _cut(self, cuts: list[int], blocks: list[Block], k: int) -> None:
        """Block k is a title: the words above the next candidate are its article's."""
        cuts.append(k)
        self.part_from = blocks[k].start

    def _starts_article(self, blocks: list[Block], k: int) -> bool:
        """Whether the title-shaped block k, after text and before a paragraph, starts one."""
        block, following = blocks[k], blocks[k + 1]
        title = self.text[block.start : block.end]
        previous = blocks[k - 1]
        text = self.text
        if DATELINE.match(text, following.start) is not None:
            return True
        level = self._heading_level(block.start) if self.title_level else 0
        if level:  # markdown: a heading of the title's level is a title, a deeper one a section
            return level == self.title_level
        gap = self._breaks_before(block.start)
        if gap >= 3 and gap > self._paragraph_gap(blocks):  # measured once an article
            return True
        if (
            block.kind == HEADING
            and self.headline_titles
            and previous.kind == PARAGRAPH
            and is_headline_case(title)
        ):
            return True
        above = self._lines_between(previous.end, block.start)
        if any(END_OF_TEXT.match(line.text) is not None for line in above):
            return not self._teaser_inside(blocks, k)
        below = self._lines_between(block.end, following.start)
        headers = self.furniture.headers
        if headers and any(self._index_of(line) in headers for line in below):
            return True
        return self._next_story(blocks, k)

    def _without_teasers(self, blocks: list[Block], cuts: list[int]) -> list[Block]:
        """The blocks less the teasers (`cuts` renumbered to match); the paragraphs under a
        teaser keep the section they had above it."""
        kept: list[Block] = []
        for k, block in enumerate(blocks):
            if k not in self.teasers:
                kept.append(block)
                continue
            teaser = self.text[block.start : block.end]
            for later in blocks[k + 1 :]:
                if later.section != teaser:
                    break
                later.section = blocks[k - 1].section
        cuts[:] = [cut - sum(1 for t in self.teasers if t < cut) for cut in cuts]
        return kept

    def _teaser_inside(self, blocks: list[Block], k: int) -> bool:
        """Whether the title-shaped block k after a "Read more" link is a teaser for another
        story in the middle of an article: the paragraph under it goes on with the words of
        the one above the link (three content words shared) and does not restate it."""
        text = self.text
        previous, following = blocks[k - 1], blocks[k + 1]
        below = content_stems(text[following.start : following.start + 400])
        if len(below & content_stems(text[previous.start : previous.end])) < 3:
            return False
        if len(below & content_stems(text[blocks[k].start : blocks[k].end])) >= 2:
            return False
        self.teasers.append(k)
        return True

    @staticmethod
    def _headline_shaped(title: str) -> bool:
        """Three to twelve words that end on a word a headline can end on: not a reader's
        exclamation, a list of names, a quoted sentence ('one. "') or a line broken
        mid-sentence ("The charge that international law is"). A question may be a headline
        ("What now for British tennis?")."""
        words = title.split()
        return (
            3 <= len(words) <= 12
            and not title.endswith("!")
            and title.count(",") <= 1
            and QUOTED_SENTENCE_END.search(title) is None
            and (words[-1].lower() not in NO_HEADLINE_ENDS or _phrasal_end(words))
            and words[0].lower() not in CLAUSE_OPENERS
        )

    def _next_story(self, blocks: list[Block], k: int) -> bool:
        """In a file of articles pasted one after another, each laid out as the first one is
        (title line, then paragraphs, no byline or rule between them), a title still shows
        itself: the text above it ended a sentence, the text under it opens one, and it is
        spaced as the first title is (as many line breaks under it, at least as many above;
        a line broken off a sentence has one). Then:
        - where titles stand further from their text than paragraphs from each other (a blank
          line under the title, one sentence a line below), that spacing says it, unless all
          its words are the article's above: a section heading speaks of what the article does;
        - where titles and paragraphs are spaced alike (BBC style), a headline-shaped line is a
          title when its lede shares with it a word the article above never used. Words are
          weighed by how rare they are in the article, not by how much of the title the lede
          restates: "Kennedy's cautious optimism" over "Charles Kennedy is far too canny ..."
          names someone new; "Euro traders stay cautious" over "Traders said the euro ..."
          goes on with what the article was saying."""
        if not self.plain_title:
            return False
        text = self.text
        previous, block, following = blocks[k - 1], blocks[k], blocks[k + 1]
        if self.title_gap < 0:
            self.title_gap = self._breaks_before(blocks[0].start)
        if (
            previous.kind == HEADING
            or text[previous.end - 1] not in ".!?\"'”’)"
            or not _opens_sentence(text, following.start)
            or self._breaks_before(following.start) != self.title_gap
            or self._breaks_before(block.start) < self.title_gap
        ):
            return False
        title = text[block.start : block.end]
        if title[0].islower():
            return False  # a line broken mid-sentence
        title_words = content_stems(title)
        if 0 < self._paragraph_gap(blocks) < self.title_gap:
            return word_count(title) >= 2 and not self._said_above(title_words, previous.end)
        if self.title_gap >= 2 and self._both_in_headline_case(title, blocks):
            return not self._said_above(title_words, previous.end)
        if not self._headline_shaped(title) or not title_words:
            return False
        if self.title_gap < 2 and title.endswith("?"):
            return False  # in lines of text with no blank line a question is one of them
        shared = _shared_stems(title_words, content_stems(text[block.end : block.end + 400]))
        return bool(shared) and not self._said_above(shared, previous.end)

    def _both_in_headline_case(self, title: str, blocks: list[Block]) -> bool:
        """Op-eds pasted one after another, their titles in headline case ("Tashkent's
        Historic Opportunity to Emerge as a Regional Leader"): a line of six words or more
        in headline case, as the first title is, is the next one (a section heading is
        shorter, or restates the article, which the caller asks)."""
        return (
            word_count(title) >= 6
            and not title.isupper()  # a list's item in capitals ("TOO FAST TOO FURIOUS")
            and is_headline_case(title)
            and is_headline_case(self.first_title)
        )

    def _said_above(self, stems: set[str], end: int) -> bool:
        """Whether each stem opens a word of the part being read (its title and text) before
        `end`: a scan for the few words asked about, not the stems of every word above."""
        above = self.text[self.part_from : end]
        return all(
            re.search(rf"\b{re.escape(stem)}", above, re.IGNORECASE) is not None for stem in stems
        )

    def _heading_level(self, start: int) -> int:
        """How many "#" open the markdown heading whose text starts at `start` (0: none)."""
        text = self.text
        at = start
        while at > 0 and text[at - 1] in " \t":
            at -= 1
        hashes = at
        while hashes > 0 and text[hashes - 1] == "#":
            hashes -= 1
        if hashes == at or (hashes > 0 and text[hashes - 1] != "\n"):
            return 0
        return at - hashes

    def _paragraph_gap(self, blocks: list[Block]) -> float:
        """The usual number of line breaks between two paragraphs of the article."""
        if self.paragraph_gap >= 0:
            return self.paragraph_gap
        gaps = [
            self._breaks_before(blocks[k].start)
            for k in range(1, len(blocks))
            if blocks[k].kind == PARAGRAPH and blocks[k - 1].kind == PARAGRAPH
        ]
        self.paragraph_gap = _median(gaps) if gaps else 0  # 0: no two paragraphs in a row
        return self.paragraph_gap

    def _breaks_before(self, start: int) -> int:
        """Line breaks in the blank run before a line: 2 after one blank line."""
        text = self.text
        at = start
        while at > 0 and (text[at - 1].isspace() or text[at - 1] == "#"):  # "#": markdown
            at -= 1
        return text.count("\n", at, start)

    def _lines_between(self, start: int, end: int) -> list[Line]:
        if not self.line_starts:
            self.line_starts = [line.start for line in self.lines]
        first = bisect_left(self.line_starts, start)
        last = bisect_left(self.line_starts, end)
        return self.lines[first:last]

    def _index_of(self, line: Line) -> int:
        return bisect_left(self.line_starts, line.start)


CONTENT_WORD = re.compile(r"[^\W\d_]{4,}|\b[A-Z]{2,3}s?\b")
FUNCTION_WORDS = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "will",
        "would",
        "what",
        "when",
        "where",
        "which",
        "their",
        "there",
        "they",
        "them",
        "than",
        "then",
        "into",
        "over",
        "also",
        "more",
        "most",
        "some",
        "such",
        "only",
        "after",
        "before",
        "about",
        "could",
        "should",
        "says",
        "said",
        "just",
        "like",
    ]
)


# words a line broken mid-sentence ends on, and no headline does
LINKING_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "as",
        "is",
        "are",
        "was",
        "be",
        "and",
        "or",
        "but",
        "for",
        "its",
        "his",
        "her",
        "our",
        "their",
        "this",
        "that",
        "with",
        "from",
        "than",
    ]
)
# words neither a headline nor its last word ends on: made once, not per line tried
NO_HEADLINE_ENDS = FUNCTION_WORDS | LINKING_WORDS
# words a subordinate clause opens with: the line is a sentence's start, not a headline
CLAUSE_OPENERS = frozenset(
    [
        "while",
        "because",
        "although",
        "though",
        "if",
        "when",
        "whereas",
        "since",
        "unless",
        "and",
        "but",
        "so",
        "yet",
    ]
)
QUOTED_SENTENCE_END = re.compile(r"[.!?,]\s*[\"”’']$")


def content_stems(text: str) -> set[str]:
    """Words of four letters or more that are not function words, and acronyms ("MPs",
    "TV"), without a plural's "s" and cut to five letters so a title's "recall" meets its
    lede's "recalled" and its "cafe" the lede's "cafes"."""
    words = (w.lower() for w in CONTENT_WORD.findall(text))
    return {_stem(w) for w in words if w not in FUNCTION_WORDS}


def _stem(word: str) -> str:
    if len(word) > 3 and word[-1] == "s" and word[-2] != "s":
        word = word[:-1]
    return word[:5]


# A headline may end on the particle of a verb in its present tense ("Bangkok film festival
# battles on", "Minister steps down"); a line broken mid-sentence after such a verb is not
# spaced as a title is.
PARTICLES = frozenset(["on", "up", "out", "off", "down", "over", "back", "away", "in"])


def _phrasal_end(words: list[str]) -> bool:
    verb = words[-2].lower()
    return (
        words[-1].lower() in PARTICLES
        and verb.endswith("s")
        and verb.isalpha()
        and verb not in NO_HEADLINE_ENDS
    )


def _shared_stems(title: set[str], lede: set[str]) -> set[str]:
    """The title's stems its lede has, or a longer form of (the title's "Asia", the lede's
    "Asian": cut to five letters, "asia" and "asian"; not the other way, as a lede's "make"
    is no title's "maker")."""
    shared = title & lede
    for stem in title - shared:
        if len(stem) == 4 and any(word.startswith(stem) for word in lede):
            shared.add(stem)
    return shared


def _opens_sentence(text: str, start: int) -> bool:
    """A capital, after an opening quotation mark if any ('"We are all Americans," wrote')."""
    if text[start] in "\"“‘'" and start + 1 < len(text):
        start += 1
    return text[start].isupper() or text[start].isdigit()


def _is_title_text(text: str, fewest: int = 3) -> bool:
    """A line the heading rule left a paragraph that is still a title: three (`fewest`) to 25
    words, no sentence punctuation but a question or exclamation mark ("Is Russia Weak?"), no
    list marker ("- Upgrading security at ...")."""
    return (
        fewest <= word_count(text) <= 25
        and len(text) <= 200
        and (not ends_like_sentence(text) or text.endswith(("?", "!")))
        and TWO_SENTENCES.search(text) is None
        and MD_LIST.match(text) is None
    )


def _clear_section(blocks: list[Block], title: str) -> None:
    """The paragraphs under a heading that turned out to be a title have no section."""
    for block in blocks:
        if block.kind == HEADING:
            return
        if block.section == title:
            block.section = None


def _page_articles(lines: list[Line], furniture: Furniture, titles: list[int]) -> list[Article]:
    """Articles of a captured page, or none when the "page" is really one plain article
    (prose before the first title; titles over nothing but short lines, like fixture lists)."""
    skipped = furniture.skipped
    if any(lines[i].words >= PROSE_WORDS and i not in skipped for i in range(titles[0])):
        return []
    articles = [_page_article(lines, i, furniture, titles) for i in titles]
    return [a for a in articles if any(_has_prose(b) for b in a.blocks)]


PROSE_WORDS = 20


def _has_prose(block: Block) -> bool:
    return block.kind == PARAGRAPH and block.end - block.start >= PROSE_CHARACTERS


PROSE_CHARACTERS = 50


def _prose_follows(text: str, blocks: list[Block], k: int) -> bool:
    """Whether prose follows block k: a paragraph of PROSE_CHARACTERS or more, or in
    one-sentence-a-line text up to three short sentences in a row that make as many ("Is Iran
    Next?" over "Can politics learn from history?", "Or is it ...")."""
    first = blocks[k + 1]
    if first.kind != PARAGRAPH and not _is_dateline_line(text, first):
        return False
    last = k + 1
    while blocks[last].end - first.start < PROSE_CHARACTERS:
        line = text[blocks[last].start : blocks[last].end]
        if (
            last == k + 3
            or last + 1 == len(blocks)
            or blocks[last + 1].kind != PARAGRAPH
            or not (ends_like_sentence(line) or (last == k + 1 and _is_dateline_line(text, first)))
        ):
            return False
        last += 1
    return True


def _is_dateline_line(text: str, block: Block) -> bool:
    """A dateline the text's lines broke from its sentence: "OSLO -" on a line of its own."""
    return (
        block.end - block.start <= 60
        and text[block.end - 1] in "-–—"
        and DATELINE.fullmatch(text[block.start : block.end] + " ") is not None
    )


def _markdown_lines(lines: list[Line]) -> tuple[list[Line], set[int]]:
    """Drop code fences; return heading lines with their markup stripped and their indexes."""
    kept: list[Line] = []
    headings: set[int] = set()
    in_fence = False
    for line in lines:
        if MD_FENCE.match(line.text):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = MD_HEADING.match(line.text)
        if heading:
            inner = heading.group(2)
            offset = line.start + line.text.index(inner) if inner else line.start
            headings.add(len(kept))
            kept.append(Line(offset, offset + len(inner), inner, len(inner.split())))
        else:
            kept.append(line)
    return [line for line in kept if line.text], headings


BYLINE = re.compile(
    r"^(?:(?:by|written by) (?-i:[A-Z])"  # a name: "By no means!" is no byline
    r"|(?:published|updated|posted|last updated|first published)\b).{0,60}$",
    re.IGNORECASE,
)


def _furniture(lines: list[Line]) -> Furniture:
    labels = repeated_labels(lines)
    teasers = teaser_lines(lines)
    headers: set[int] = set()
    marks = set(teasers)
    inline: set[int] = set()
    stops = set(teasers)
    for i, line in enumerate(lines):
        if line.words <= 12:  # one pass, long lines asked only what a long line can be
            # "By Staff Reporter", "Published on March 3, 2021", "2021-03-03": wherever they sit
            if line.words <= 10 and (BYLINE.match(line.text) or (i > 0 and is_date_line(line))):
                headers.add(i)
                marks.add(i)
            if line.text.casefold() in labels:
                marks.add(i)
            if is_trailing_furniture(line):
                stops.add(i)
        if i not in marks and is_inline_furniture(line):
            inline.add(i)
    return Furniture(marks, headers, inline, stops)


def _titles(lines: list[Line], furniture: Furniture) -> list[int]:
    """Page titles; a title-shaped line in a title's header (a caption above the byline) is not
    one: no text separates it from the title above."""
    titles: list[int] = []
    if not furniture.headers and not furniture.marks:
        return titles  # a title has a byline or a date below it, or furniture around it
    for index in range(len(lines)):
        if not _is_page_title(lines, index, furniture):
            continue
        if (
            titles
            and index - titles[-1] <= HEADER_REACH
            and not any(lines[i].words >= PROSE_WORDS for i in range(titles[-1] + 1, index))
        ):
            continue
        titles.append(index)
    return titles


def _is_title_shaped(line: Line) -> bool:
    text = line.text
    return (
        3 <= line.words <= 25
        and len(text) <= 200
        and (not ends_like_sentence(text) or text.endswith(("?", "!")))
    )


def _is_page_title(lines: list[Line], index: int, furniture: Furniture) -> bool:
    """Title-shaped, with header furniture just below: a byline or a date line, or other
    furniture when furniture (a category label, navigation) also sits just above."""
    skipped = furniture.skipped
    if index in skipped or index in furniture.stops:
        return False
    below = range(index + 1, min(index + 1 + HEADER_REACH, len(lines)))
    header = _first_header(below, furniture.headers)
    if header is None and (index == 0 or index - 1 not in furniture.marks):
        return False  # most lines: decided before their shape is looked at
    if not _is_title_shaped(lines[index]) or is_credit(lines[index].text):
        return False
    if all(i in skipped for i in range(index + 1, len(lines))):
        return False
    if header is not None and all(
        i in skipped or not _is_title_shaped(lines[i]) or _is_marked_caption(lines[i].text)
        for i in range(index + 1, header)
    ):  # the nearest title-shaped line above a byline is its title
        return (
            index == 0
            or index - 1 in skipped
            or is_label_shaped(lines[index - 1])
            or (index + 1 == header)
        )
    if index == 0 or index - 1 not in furniture.marks:
        return False
    return any(i in furniture.marks and not is_credit(lines[i].text) for i in below)


def _first_header(below: range, headers: set[int]) -> int | None:
    if headers:
        for i in below:
            if i in headers:
                return i
    return None


def _is_marked_caption(text: str) -> bool:
    return is_credit(text) or CAPTION_POSITION.search(text) is not None


def _page_article(
    lines: list[Line], title: int, furniture: Furniture, titles: list[int]
) -> Article:
    article = Article(lines[title].text, lines[title].start, lines[title].end)
    skipped = furniture.skipped
    header_end = title
    for i in range(title + 1, len(lines)):
        if i in skipped:
            header_end = i
        elif i - title > HEADER_REACH or not (
            is_label_shaped(lines[i]) or looks_like_caption(lines[i].text)
        ):
            break
    later_titles = [t for t in titles if t > title]
    stop = later_titles[0] if later_titles else len(lines)
    body_start = header_end + 1
    stop = next((i for i in range(body_start, stop) if i in furniture.stops), stop)
    captions = [
        Block(lines[i].start, lines[i].end, CAPTION)
        for i in range(title + 1, header_end)
        if i not in skipped
    ]
    article.header = [lines[i] for i in range(title + 1, body_start)]
    body = _body_blocks(lines, body_start, stop, skipped, set())
    # whatever short lines sit between the last paragraph and the next title belong to the page
    while body and is_label_shaped(_line_of(lines, body[-1], body_start, stop)):
        body.pop()
    article.blocks = captions + body
    if article.blocks:
        article.end = max(article.end, article.blocks[-1].end)
    return article


def _line_of(lines: list[Line], block: Block, start: int, stop: int) -> Line:
    return next(line for line in lines[start:stop] if line.start == block.start)


def _plain_article(lines: list[Line], furniture: Furniture, headings: set[int]) -> Article:
    skipped = furniture.skipped
    first = _first_text_line(lines, furniture)
    if first is None:
        return Article("", 0, 0)
    stop = _trailing_stop(lines, furniture, first)
    line = lines[first]
    has_title = (
        len(lines) > first + 1
        and line.words <= 25
        and len(line.text) <= 200
        and (
            not ends_like_sentence(line.text)
            or line.text.endswith(("?", "!"))
            or first in headings
            or _is_stopped_title(line)
        )
        and not is_credit(line.text)
    )
    if not has_title:
        article = Article("", line.start, line.end)
        article.blocks = _body_blocks(lines, first, stop, skipped, headings)
    else:
        article = Article(line.text, line.start, line.end)
        body_start = first + 1
        if body_start < stop and _is_date_header(lines[body_start]):
            article.header = [lines[body_start]]
            body_start += 1
        article.blocks = _body_blocks(lines, body_start, stop, skipped, headings)
        blocks = article.blocks
        if len(blocks) > 1 and blocks[0].kind == HEADING and _has_prose(blocks[1]):
            _title_under_masthead(article, _line_of(lines, blocks[0], first, stop))
    if stop < len(lines):  # short lines left before a page's trailing furniture are the page's
        while article.blocks and is_label_shaped(_line_of(lines, article.blocks[-1], first, stop)):
            article.blocks.pop()
    if article.blocks:
        article.end = max(article.end, article.blocks[-1].end)
    return article


def _title_under_masthead(article: Article, heading: Line) -> None:
    """ "WEEKLY BRIEF - Issue 14", then "Kyrgyz parliament approves cabinet", then text: of two
    title lines over the first paragraph, the nearer is the article's title; the top one, a
    newsletter's or site's name, stays in the article's span as neither title nor text. A
    line that opens with a dateline ("PHNOM PENH -", "BERKELEY - After the ...") is text."""
    if not _is_title_text(heading.text) or DATELINE.match(heading.text + " ") is not None:
        return
    article.blocks.pop(0)
    article.title = heading.text
    _clear_section(article.blocks, heading.text)


def _is_stopped_title(line: Line) -> bool:
    """A first line with a full stop that still is a title: a few words without a verb ("China,
    Inc.", "Chavez at Bay."), unlike a first sentence ("Quarterly profits jumped.")."""
    text = line.text
    return (
        line.words <= 8
        and text.endswith(".")
        and not text.endswith("..")
        and TWO_SENTENCES.search(text) is None
        and VERBISH.search(text) is None
    )


def _is_date_header(line: Line) -> bool:
    """A short line under a title that dates the article without being a sentence: "Kabul, 12
    May 2022", "*Prepared by the analysis desk, 12 May 2022*"."""
    if line.words > 12:
        return False
    text = line.text.strip("*_ ")
    return bool(text) and not ends_like_sentence(text) and document_date(text) is not None


def _first_text_line(lines: list[Line], furniture: Furniture) -> int | None:
    """The first line that is not furniture; on a page with a menu ("Home", "Sign in"), the
    first line after the menu's other short labels ("News", "Sport")."""
    kept = [i for i in range(len(lines)) if i not in furniture.skipped]
    if not kept:
        return None
    menu = 0
    while menu < len(kept) and lines[kept[menu]].words <= 3 and is_label_shaped(lines[kept[menu]]):
        menu += 1
    if (
        0 < menu < len(kept)
        and any(i in furniture.inline for i in range(kept[menu]))
        and _is_title_shaped(lines[kept[menu]])
    ):
        return kept[menu]
    return kept[0]


def _trailing_stop(lines: list[Line], furniture: Furniture, first: int) -> int:
    """Where a page's trailing furniture (related links, comments, footer) begins after text."""
    seen_text = False
    for i in range(first, len(lines)):
        if i in furniture.stops and seen_text:
            return i
        seen_text = seen_text or (lines[i].words >= PROSE_WORDS and i not in furniture.skipped)
    return len(lines)


def _body_blocks(
    lines: list[Line], start: int, stop: int, furniture: set[int], headings: set[int]
) -> list[Block]:
    body = [i for i in range(start, stop) if i not in furniture]
    prose = _is_prose(lines, body)
    blocks: list[Block] = []
    section: str | None = None
    credits = [is_credit(lines[i].text) for i in body]
    has_credit = True in credits
    for position, i in enumerate(body):
        line = lines[i]
        following = lines[body[position + 1]] if position + 1 < len(body) else None
        if credits[position]:
            blocks.append(Block(line.start, line.end, CAPTION))
        elif i in headings or _is_heading(line, following, prose):
            section = line.text
            blocks.append(Block(line.start, line.end, HEADING))
        elif (prose and line.words <= 16 and looks_like_caption(line.text)) or (
            has_credit and _beside_credit(credits, position) and _is_caption_beside_credit(line)
        ):
            blocks.append(Block(line.start, line.end, CAPTION))
        else:
            blocks.append(Block(line.start, line.end, PARAGRAPH, section))
    while blocks and blocks[-1].kind == HEADING:  # a dangling label after the text is furniture
        blocks.pop()
    return blocks


def _beside_credit(credits: list[bool], position: int) -> bool:
    return (position > 0 and credits[position - 1]) or (
        position + 1 < len(credits) and credits[position + 1]
    )


def _is_caption_beside_credit(line: Line) -> bool:
    """ "Tony Blair speaks to reporters in Downing Street" over "Photo by X/Getty Images": a
    photo's words, not a sentence of the text (which would end in a full stop)."""
    return 4 <= line.words <= 25 and not ends_like_sentence(line.text)


def _is_prose(lines: list[Line], body: list[int]) -> bool:
    """Paragraphs of several sentences (a web article), not one sentence per line."""
    long_lines = [lines[i] for i in body if lines[i].words > 8]
    if not long_lines:
        return False
    with_breaks = sum(1 for line in long_lines if _has_internal_break(line.text))
    return with_breaks >= 0.3 * len(long_lines) or _median([len(x.text) for x in long_lines]) > 300


def _has_internal_break(text: str) -> bool:
    """INTERNAL_BREAK.search(text) is not None, tried only at each stop str.find finds (the
    pattern, led by a character class, would test every character of a long line)."""
    for stop in SENTENCE_STOPS:
        at = text.find(stop)
        while at >= 0:
            if INTERNAL_BREAK.match(text, at) is not None:
                return True
            at = text.find(stop, at + 1)
    return False


def _median(values: list[int]) -> float:
    """statistics.median, in code the compiled build runs natively (that one runs as bytecode)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _is_heading(line: Line, following: Line | None, prose: bool) -> bool:
    if following is None or line.words > 14 or len(line.text) > 120:
        return False
    if ends_like_sentence(line.text) and not (prose and line.text.endswith("?")):
        return False
    return not is_label_shaped(following) or following.words > 8
