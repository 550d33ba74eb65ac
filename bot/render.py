"""Plain-text rendering of a Reply: what the console and `briefbot ask` print.

Every fact appears as its verbatim excerpt in quotes with its source title. A reply fits
one Telegram message (4,096 characters); what does not fit is counted in a continuation
line that says which command shows the rest.
"""

from __future__ import annotations

from bot.reply import Citation, Reply, label_groups

LIMIT = 4096
EXCERPT_LIMIT = 1200  # a single excerpt longer than this is cut with an ellipsis


def quote_line(citation: Citation, number: int | None = None, *, date_first: bool = False) -> str:
    excerpt = " ".join(citation.excerpt.split())
    if len(excerpt) > EXCERPT_LIMIT:
        excerpt = excerpt[: EXCERPT_LIMIT - 1].rstrip() + "…"
    head = f"[{number}] " if number is not None else ""
    if date_first:  # a timeline is read down its dates
        return f"{citation.date or 'undated'}: {head}“{excerpt}” — {citation.source_title}"
    date = f", {citation.date}" if citation.date else ""
    return f"{head}“{excerpt}” — {citation.source_title}{date}"


def render_plain(reply: Reply, limit: int = LIMIT) -> str:
    head: list[str] = []
    if reply.title:
        head.append(reply.title)
    if reply.notice:
        head.append(reply.notice)
    numbered = reply.kind in ("brief", "who")
    for label, runs in label_groups(reply.lines):
        head.append(f"{label}: " + ", ".join(_run(values, citation) for values, citation in runs))
    timeline = reply.kind == "timeline"
    body = [
        quote_line(c, n + 1 if numbered else None, date_first=timeline)
        for n, c in enumerate(reply.answers)
    ]
    related = [quote_line(c) for c in reply.related]
    if reply.kind in ("brief", "who") and reply.rows:
        tail = ["Sources: " + "; ".join(reply.rows)]
    else:
        tail = list(reply.rows)
    more = int(reply.extra.get("more", 0) or 0)
    command = str(reply.extra.get("more_command", "/search"))
    return _fit(head, body, related, tail, more=more, command=command, limit=limit)


def _run(values: list[str], citation: int | None) -> str:
    ref = f" [{citation + 1}]" if citation is not None else ""
    return ", ".join(values) + ref


def _fit(
    head: list[str],
    body: list[str],
    related: list[str],
    tail: list[str],
    *,
    more: int,
    command: str,
    limit: int,
) -> str:
    """Join the parts, dropping facts from the end (and counting them) until it fits."""
    while True:
        parts = list(head)
        parts += body
        if related:
            parts.append("Related:" if body else "Closest facts:")
            parts += [f"• {r}" for r in related]
        parts += tail
        hidden = more
        if hidden:
            parts.append(f"… ({hidden} more: {command.strip()})")
        text = "\n".join(p for p in parts if p)
        if len(text) <= limit:
            return text
        if related:
            related.pop()
            continue
        if len(body) > 1:
            body.pop()
            more += 1
            continue
        if tail:
            tail.pop()
            continue
        return text[: limit - 1] + "…"
