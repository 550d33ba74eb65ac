"""What the engine returns: a reply made only of facts from the fact base.

The engine builds a Reply; renderers (plain text in bot.render, HTML for Telegram) turn it
into text. Nothing here knows about Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ReplyKind = Literal[
    "answer",  # a question the documents answer
    "no_answer",  # the documents do not answer; `related` may hold the closest facts
    "brief",
    "who",
    "timeline",
    "quote",
    "sources",
    "search",
    "help",
    "error",  # the input could not be used (unknown command, missing argument...)
]


@dataclass(frozen=True, slots=True)
class Citation:
    """One fact as shown to a user: always its verbatim excerpt and its source."""

    fact_id: str
    statement: str
    excerpt: str
    score: float
    start: int
    end: int
    entities: tuple[str, ...]  # entity names, for display
    source_id: str
    source_title: str
    source_path: str  # relative to the seeds folder
    date: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.fact_id,
            "statement": self.statement,
            "excerpt": self.excerpt,
            "score": round(self.score, 4),
            "start": self.start,
            "end": self.end,
            "entities": list(self.entities),
            "date": self.date,
            "source": {"id": self.source_id, "title": self.source_title, "path": self.source_path},
        }


@dataclass(frozen=True, slots=True)
class Line:
    """A structured line of a briefing, e.g. label="Leader", value="Ilimbek Mamatov",
    backed by the citation that states it (`citation` indexes Reply.answers)."""

    label: str
    value: str
    citation: int | None = None


LineRun = tuple[list[str], int | None]  # values in a row that cite the same fact


def label_groups(lines: tuple[Line, ...]) -> list[tuple[str, list[LineRun]]]:
    """Consecutive lines of one label as one ("Area: Badakhshan, Sari Pul, Takhar [2]"
    rather than three lines), the values that cite one fact side by side: a phone shows a
    briefing's relations in a few lines."""
    groups: list[tuple[str, list[LineRun]]] = []
    for line in lines:
        if not groups or groups[-1][0] != line.label:
            groups.append((line.label, []))
        runs = groups[-1][1]
        if runs and runs[-1][1] == line.citation:
            runs[-1][0].append(line.value)
        else:
            runs.append(([line.value], line.citation))
    return groups


@dataclass(frozen=True, slots=True)
class Reply:
    query: str
    kind: ReplyKind
    # One plain heading, e.g. "Islamic Jihad Union (IJU) — organization". Never a claim the
    # documents do not make: headings name things, they do not state facts.
    title: str = ""
    # Plain guidance text for no_answer/help/error replies ("The documents do not say ...").
    notice: str = ""
    lines: tuple[Line, ...] = ()  # key relations for /brief and /who
    answers: tuple[Citation, ...] = ()  # the facts that answer, best first
    related: tuple[Citation, ...] = ()  # other useful facts
    # For /sources: (title, path, fact count); for /help: example queries. Plain rows.
    rows: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def answered(self) -> bool:
        return bool(self.answers)

    def to_json(self, text: str, elapsed_ms: float) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "answers": [c.to_json() for c in self.answers],
            "related": [c.to_json() for c in self.related],
            "text": text,
            "elapsed_ms": round(elapsed_ms, 3),
        }
