"""Render a Reply as Telegram HTML: escaped document text, excerpts as blockquotes with their
source, split into pages of at most 4,096 characters on paragraph boundaries.

Core code: no Telegram import. Every string from a document passes through html.escape, and
every page is well-formed on its own (a block is never cut inside its tags).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import escape

from bot.reply import Citation, Reply, label_groups

MESSAGE_LIMIT = 4096  # UTF-16 code units, as Telegram counts
EXPANDABLE_FROM = 600  # excerpts longer than this collapse in Telegram's client
TITLE_LIMIT = 300


def render_html(reply: Reply, *, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The reply as one or more HTML pages, each at most `limit` characters."""
    return paginate(_blocks(reply, limit), limit)


def citations(reply: Reply) -> tuple[Citation, ...]:
    """The citations a reply shows, in the order they are numbered."""
    return reply.answers + reply.related


def render_citation(
    citation: Citation, number: int | None = None, *, limit: int = MESSAGE_LIMIT
) -> list[str]:
    """One fact in full: its whole excerpt and where it comes from (the "show excerpt" button)."""
    blocks = list(_citation_blocks(citation, number, limit, full=True))
    details = [
        f"Source: {escape(citation.source_title)}",
        f"File: {escape(citation.source_path)} (characters {citation.start}–{citation.end})",
    ]
    if citation.date:
        details.append(f"Date: {escape(citation.date)}")
    if citation.entities:
        details.append("Mentions: " + escape(", ".join(citation.entities)))
    blocks += line_blocks(details, limit)
    return paginate(blocks, limit)


def paginate(blocks: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Greedily join blocks with blank lines into pages of at most `limit` UTF-16 units."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for block in blocks:
        block_size = units(block)
        if block_size > limit:  # callers pre-split; this only guards the contract
            raise ValueError(f"block of {block_size} units exceeds {limit}")
        if current and size + 2 + block_size > limit:
            pages.append("\n\n".join(current))
            current, size = [], 0
        size += block_size + (2 if current else 0)
        current.append(block)
    if current:
        pages.append("\n\n".join(current))
    return pages or [""]


def _blocks(reply: Reply, limit: int) -> Iterator[str]:
    if reply.title:
        yield from _wrap("<b>", _clip(reply.title, TITLE_LIMIT), "</b>", limit)
    if reply.notice:
        yield from _wrap("", reply.notice, "", limit)
    if reply.lines:
        rendered = []
        for label, runs in label_groups(reply.lines):
            values = ", ".join(
                escape(", ".join(shown)) + (f" [{cited + 1}]" if cited is not None else "")
                for shown, cited in runs
            )
            rendered.append(f"<b>{escape(label)}:</b> {values}")
        yield from line_blocks(rendered, limit)
    number = 0
    for number, citation in enumerate(reply.answers, 1):
        dated = reply.kind == "timeline" and bool(citation.date)  # read down its dates
        yield from _citation_blocks(citation, number, limit, date_first=dated)
    if reply.related:
        yield "<b>Related</b>" if reply.answers else "<b>Closest facts</b>"
        for offset, citation in enumerate(reply.related, number + 1):
            yield from _citation_blocks(citation, offset, limit)
    if reply.rows and reply.kind in ("brief", "who"):  # one line, as the plain text gives it
        yield from line_blocks([f"<b>Sources:</b> {escape('; '.join(reply.rows))}"], limit)
    elif reply.rows:
        yield from line_blocks([f"• {escape(row)}" for row in reply.rows], limit)
    more = int(reply.extra.get("more", 0) or 0)
    if more:  # facts the engine held back to keep the briefing short
        command = str(reply.extra.get("more_command") or "/search").strip()
        yield from _wrap("<i>", f"… {more} more: {command}", "</i>", limit)


def _citation_blocks(
    citation: Citation,
    number: int | None,
    limit: int,
    *,
    full: bool = False,
    date_first: bool = False,
) -> Iterator[str]:
    source = f"<i>{escape(citation.source_title)}</i>"
    heading = f"<b>{escape(citation.date)}</b>" if date_first and citation.date else ""
    if citation.date and not heading:
        source += f" · {escape(citation.date)}"
    if number is not None:
        source = f"[{number}] {source}"
    expandable = not full and len(citation.excerpt) > EXPANDABLE_FROM
    opening = "<blockquote expandable>" if expandable else "<blockquote>"
    room = limit - units(source) - 1 - (units(heading) + 1 if heading else 0)
    pieces = list(_wrap(opening, citation.excerpt.strip(), "</blockquote>", room))
    if heading:
        pieces[0] = f"{heading}\n{pieces[0]}"
    pieces[-1] = f"{pieces[-1]}\n{source}"
    yield from pieces


def line_blocks(lines: list[str], limit: int) -> Iterator[str]:
    """Lines (each already HTML) grouped into blocks; a line is never split across pages."""
    block: list[str] = []
    size = 0
    for raw in lines:
        # Only a pathological label or value is longer than a message.
        line = raw if units(raw) <= limit else clip_html(raw, limit // 2 - 1)
        if block and size + 1 + units(line) > limit:
            yield "\n".join(block)
            block, size = [], 0
        size += units(line) + (1 if block else 0)
        block.append(line)
    if block:
        yield "\n".join(block)


_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def clip_html(html: str, size: int) -> str:
    """At most `size` characters of `html` and "…", still well-formed: never cut inside a tag
    or an entity ("&am" makes Telegram refuse the whole message), open tags closed."""
    cut = size
    tag_open, entity_open = html.rfind("<", 0, cut), html.rfind("&", 0, cut)
    if tag_open > html.rfind(">", 0, cut):
        cut = tag_open
    if entity_open > html.rfind(";", 0, cut):
        cut = min(cut, entity_open)
    head = html[:cut]
    still_open: list[str] = []
    for match in _TAG.finditer(head):
        if not match.group(1):
            still_open.append(match.group(2))
        elif still_open and still_open[-1] == match.group(2):
            still_open.pop()
    return head + "…" + "".join(f"</{tag}>" for tag in reversed(still_open))


def _wrap(opening: str, text: str, closing: str, limit: int) -> Iterator[str]:
    """`text` escaped inside `opening…closing`, cut at whitespace into blocks of <= limit chars."""
    room = limit - units(opening) - units(closing)
    rest = text
    while rest:
        piece = _fit(rest, room)
        yield f"{opening}{escape(piece.strip())}{closing}"
        rest = rest[len(piece) :].lstrip()


def _fit(text: str, room: int) -> str:
    """The longest prefix of `text` whose escaped form fits in `room`, cut at whitespace."""
    if units(escape(text)) <= room:
        return text
    low, high = 1, min(len(text), room)
    while low < high:  # the longest raw prefix whose escaped length fits
        middle = (low + high + 1) // 2
        if units(escape(text[:middle])) <= room:
            low = middle
        else:
            high = middle - 1
    prefix = text[:low]
    cut = max(prefix.rfind("\n"), prefix.rfind(" "))
    return prefix[: cut + 1] if cut > low // 2 else prefix


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
