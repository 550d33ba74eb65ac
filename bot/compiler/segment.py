"""Splitting a file into articles, and an article into headings, captions and paragraphs.

A captured web page repeats its furniture (a category label above every title, "Published"
under it, "Continue Reading" after the text). A title is a title-shaped line sitting between
such repeated lines; an article runs from its title to the next repeated line. A plain file
(title line, then paragraphs) is one article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from bot.compiler.cleaning import (
    MD_FENCE,
    MD_HEADING,
    Line,
    ends_like_sentence,
    is_credit,
    is_label_shaped,
    looks_like_caption,
    repeated_labels,
    split_lines,
    teaser_lines,
)

PARAGRAPH = "paragraph"
HEADING = "heading"
CAPTION = "caption"
INTERNAL_BREAK = re.compile(r"[.!?][\"”’]?\s+[\"“‘]?[A-Z]")
HEADER_REACH = 5  # lines after a title that may still hold its byline furniture


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    kind: str  # paragraph | heading | caption
    section: str | None = None  # the heading above a paragraph


@dataclass(slots=True)
class Article:
    title: str
    start: int
    end: int
    blocks: list[Block] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)  # byline lines between title and text


def segment(text: str, *, markdown: bool = False) -> list[Article]:
    lines = split_lines(text)
    headings: set[int] = set()
    if markdown:
        lines, headings = _markdown_lines(lines)
    if not lines:
        return []
    furniture = _furniture(lines)
    titles = [i for i in range(len(lines)) if _is_page_title(lines, i, furniture)]
    articles = _page_articles(lines, furniture, titles) if titles else []
    if not articles:
        articles = [_plain_article(lines, furniture, headings)]
    return [a for a in articles if a.blocks]


def _page_articles(lines: list[Line], furniture: set[int], titles: list[int]) -> list[Article]:
    """Articles of a captured page, or none when the "page" is really one plain article
    (prose before the first title; titles over nothing but short lines, like fixture lists)."""
    if any(lines[i].words >= PROSE_WORDS and i not in furniture for i in range(titles[0])):
        return []
    articles = [_page_article(lines, i, furniture, titles) for i in titles]
    return [a for a in articles if any(_has_prose(a, b) for b in a.blocks)]


PROSE_WORDS = 20


def _has_prose(article: Article, block: Block) -> bool:
    return block.kind == PARAGRAPH and block.end - block.start >= 50


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
    r"^(?:by|published|updated|posted|last updated|first published|written by)\b.{0,60}$",
    re.IGNORECASE,
)


def _furniture(lines: list[Line]) -> set[int]:
    labels = repeated_labels(lines)
    marked = teaser_lines(lines)
    marked.update(i for i, line in enumerate(lines) if line.text.casefold() in labels)
    # "By Staff Reporter", "Published on March 3, 2021": bylines, wherever they sit
    marked.update(i for i, line in enumerate(lines) if line.words <= 10 and BYLINE.match(line.text))
    return marked


def _is_title_shaped(line: Line) -> bool:
    text = line.text
    return (
        3 <= line.words <= 25
        and len(text) <= 200
        and (not ends_like_sentence(text) or text.endswith(("?", "!")))
    )


def _is_page_title(lines: list[Line], index: int, furniture: set[int]) -> bool:
    """Title-shaped, right after a furniture line, with furniture (a byline) just below."""
    if index in furniture or index == 0 or index - 1 not in furniture:
        return False
    if not _is_title_shaped(lines[index]) or is_credit(lines[index].text):
        return False
    below = range(index + 1, min(index + 1 + HEADER_REACH, len(lines)))
    return any(i in furniture for i in below) and not all(
        i in furniture for i in range(index + 1, len(lines))
    )


def _page_article(lines: list[Line], title: int, furniture: set[int], titles: list[int]) -> Article:
    article = Article(lines[title].text, lines[title].start, lines[title].end)
    header_end = title
    for i in range(title + 1, min(title + 1 + HEADER_REACH, len(lines))):
        if i in furniture:
            header_end = i
        elif not is_label_shaped(lines[i]) and not looks_like_caption(lines[i].text):
            break
    later_titles = [t for t in titles if t > title]
    stop = later_titles[0] if later_titles else len(lines)
    body_start = header_end + 1
    for i in range(body_start, stop):
        if i in furniture:
            stop = i
            break
    captions = [
        Block(lines[i].start, lines[i].end, CAPTION)
        for i in range(title + 1, header_end)
        if i not in furniture
    ]
    article.header = [lines[i] for i in range(title + 1, body_start)]
    article.blocks = captions + _body_blocks(lines, body_start, stop, furniture, set())
    if article.blocks:
        article.end = max(article.end, article.blocks[-1].end)
    return article


def _plain_article(lines: list[Line], furniture: set[int], headings: set[int]) -> Article:
    first = next((i for i in range(len(lines)) if i not in furniture), None)
    if first is None:
        return Article("", 0, 0)
    line = lines[first]
    has_title = (
        len(lines) > first + 1
        and line.words <= 25
        and len(line.text) <= 200
        and (
            not ends_like_sentence(line.text) or line.text.endswith(("?", "!")) or first in headings
        )
        and not is_credit(line.text)
    )
    if not has_title:
        article = Article("", line.start, line.end)
        article.blocks = _body_blocks(lines, first, len(lines), furniture, headings)
    else:
        article = Article(line.text, line.start, line.end)
        article.blocks = _body_blocks(lines, first + 1, len(lines), furniture, headings)
    if article.blocks:
        article.end = max(article.end, article.blocks[-1].end)
    return article


def _body_blocks(
    lines: list[Line], start: int, stop: int, furniture: set[int], headings: set[int]
) -> list[Block]:
    body = [i for i in range(start, stop) if i not in furniture]
    prose = _is_prose(lines, body)
    blocks: list[Block] = []
    section: str | None = None
    for position, i in enumerate(body):
        line = lines[i]
        following = lines[body[position + 1]] if position + 1 < len(body) else None
        if is_credit(line.text):
            blocks.append(Block(line.start, line.end, CAPTION))
        elif i in headings or _is_heading(line, following, prose):
            section = line.text
            blocks.append(Block(line.start, line.end, HEADING))
        elif prose and line.words <= 16 and looks_like_caption(line.text):
            blocks.append(Block(line.start, line.end, CAPTION))
        else:
            blocks.append(Block(line.start, line.end, PARAGRAPH, section))
    while blocks and blocks[-1].kind == HEADING:  # a dangling label after the text is furniture
        blocks.pop()
    return blocks


def _is_prose(lines: list[Line], body: list[int]) -> bool:
    """Paragraphs of several sentences (a web article), not one sentence per line."""
    long_lines = [lines[i] for i in body if lines[i].words > 8]
    if not long_lines:
        return False
    with_breaks = sum(1 for line in long_lines if INTERNAL_BREAK.search(line.text))
    return with_breaks >= 0.3 * len(long_lines) or median(len(x.text) for x in long_lines) > 300


def _is_heading(line: Line, following: Line | None, prose: bool) -> bool:
    if following is None or line.words > 14 or len(line.text) > 120:
        return False
    if ends_like_sentence(line.text) and not (prose and line.text.endswith("?")):
        return False
    return not is_label_shaped(following) or following.words > 8
