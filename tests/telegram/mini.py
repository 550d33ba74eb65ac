"""A small stand-in compiler and engine that keep the Telegram tests independent of ranking.

The mini compiler reads every .txt/.md in the seeds folder: first line = title, every later
non-empty line = one fact (exact offsets, so factbase.save validates it). A document that
contains the marker BROKEN-DOCUMENT fails to compile. The mini engine matches words.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot import factbase
from bot.errors import DocumentError
from bot.factbase import Fact, FactBase, Source
from bot.reply import Citation, Reply

BROKEN = "BROKEN-DOCUMENT"
WORD = re.compile(r"\w{4,}")


@dataclass
class MiniReport:
    problems: list[DocumentError] = field(default_factory=list)
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_line(self) -> str:
        return f"{self.documents} documents, {len(self.problems)} failed"


@dataclass
class MiniResult:
    base: FactBase
    report: MiniReport
    texts: dict[str, str] = field(default_factory=dict)


def mini_compile(
    seeds: Path, knowledge: Path, *, progress: object = None, write: bool = True
) -> MiniResult:
    base = FactBase()
    report = MiniReport()
    for path in sorted(p for p in seeds.iterdir() if p.suffix in (".txt", ".md")):
        report.documents += 1
        relative = path.relative_to(seeds).as_posix()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            report.problems.append(DocumentError(relative, "not UTF-8"))
            continue
        if BROKEN in text:
            report.problems.append(DocumentError(relative, "cannot be compiled (line 1)"))
            continue
        source_id = re.sub(r"\W+", "-", path.stem.lower()).strip("-")
        title = text.split("\n", 1)[0].strip()
        base.sources.append(Source(source_id, relative, title, 0, len(text)))
        position = text.find("\n") + 1 if "\n" in text else len(text)
        number = 0
        for line in text[position:].split("\n"):
            start = position
            position += len(line) + 1
            if not line.strip():
                continue
            number += 1
            base.facts.append(
                Fact(f"{source_id}-{number}", source_id, start, start + len(line), line, line)
            )
    if write and report.ok:
        factbase.save(base, knowledge, seeds)
    return MiniResult(base, report)


class MiniEngine:
    def __init__(self, base: FactBase, version: str) -> None:
        self.base = base
        self.version = version
        self.titles = {s.id: (s.title, s.path) for s in base.sources}
        self.closed = False

    @classmethod
    def open(
        cls, knowledge: Path, seeds: Path | None = None, *, base: factbase.FactBase | None = None
    ) -> MiniEngine:
        text = (knowledge / factbase.FACTS_FILE).read_text(encoding="utf-8")
        return cls(factbase.from_yaml(text), hashlib.sha256(text.encode()).hexdigest()[:12])

    def close(self) -> None:
        self.closed = True

    def counts(self) -> dict[str, int]:
        return self.base.counts()

    def cite(self, fact: Fact) -> Citation:
        title, path = self.titles[fact.source]
        return Citation(
            fact.id,
            fact.statement,
            fact.excerpt,
            1.0,
            fact.start,
            fact.end,
            (),
            fact.source,
            title,
            path,
        )

    def answer(self, text: str) -> Reply:
        if self.closed:
            raise RuntimeError("answer on a closed engine")
        command, _, argument = text.partition(" ") if text.startswith("/") else ("", "", text)
        if command == "/crash":  # an engine bug, to exercise the error handler
            raise RuntimeError("engine exploded")
        if command == "/help":
            return Reply(
                text,
                "help",
                title="How to ask",
                rows=("Who leads the Blue Union?", "/brief Blue Union"),
            )
        if command == "/sources":
            return Reply(
                text, "sources", title="Sources", rows=tuple(t for t, _ in self.titles.values())
            )
        if command == "/everything":  # a reply long enough to need several pages
            return Reply(
                text,
                "search",
                title="Everything",
                answers=tuple(self.cite(f) for f in self.base.facts),
            )
        if command and command not in ("/brief", "/search", "/who"):
            return Reply(text, "error", notice=f"Unknown command {command}. Try /help.")
        words = {w.lower() for w in WORD.findall(argument)}
        hits = [f for f in self.base.facts if words & {w.lower() for w in WORD.findall(f.excerpt)}]
        if not hits:
            return Reply(text, "no_answer", notice="The documents do not say.")
        return Reply(text, "answer", answers=tuple(self.cite(f) for f in hits[:3]))
