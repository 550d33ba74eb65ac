"""compile_folder: seeds/ -> knowledge/facts.yaml, document by document, cached, validated."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot import factbase
from bot.compiler.cache import ExtractionCache
from bot.compiler.curated import Curated
from bot.compiler.extract import Extraction, extract
from bot.compiler.merge import merge
from bot.compiler.reading import find_documents, read_document, relative_name
from bot.errors import DocumentError, ValidationError
from bot.factbase import FactBase

log = logging.getLogger("briefbot.compiler")
Progress = Callable[[int, int, str], None]  # (done, total, current path)


@dataclass(slots=True)
class CompileReport:
    documents: int = 0
    sources: int = 0
    entities: int = 0
    facts: int = 0
    warnings: list[str] = field(default_factory=list)
    problems: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0
    written: bool = False
    cached: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_line(self) -> str:
        failed = f", {len(self.problems)} failed" if self.problems else ""
        return (
            f"compiled {self.documents} documents: {self.sources} sources, "
            f"{self.entities} entities, "
            f"{self.facts} facts, {len(self.warnings)} warnings{failed} in {self.seconds:.2f}s"
        )


@dataclass(slots=True)
class CompileResult:
    base: FactBase
    report: CompileReport
    texts: dict[str, str] = field(default_factory=dict)


def compile_folder(
    seeds_dir: Path,
    knowledge_dir: Path,
    *,
    progress: Progress | None = None,
    write: bool = True,
    use_cache: bool = True,
) -> CompileResult:
    """Compile every document under `seeds_dir`; with `write`, save facts.yaml if it validates.

    Bad documents are reported in `report.problems` and skipped. Raises ValidationError
    (nothing written) when the compiled base does not validate.
    """
    started = time.perf_counter()
    if not seeds_dir.is_dir():
        raise DocumentError(seeds_dir, "is not a folder of documents")
    report = CompileReport()
    curated = Curated.load(knowledge_dir)
    cache = ExtractionCache(knowledge_dir, enabled=use_cache)
    paths = find_documents(seeds_dir)
    if not paths:  # never replace a fact base with an empty one by accident
        raise DocumentError(seeds_dir, "holds no .txt or .md documents")
    extractions: list[Extraction] = []
    texts: dict[str, str] = {}
    for done, path in enumerate(paths, start=1):
        if progress is not None:
            progress(done, len(paths), relative_name(path, seeds_dir))
        try:
            extraction, text = _compile_one(path, seeds_dir, cache)
        except DocumentError as problem:
            report.problems.append(problem)
            continue
        extractions.append(extraction)
        texts[extraction.path] = text
    report.cached = cache.hits
    base, warnings = merge(extractions, texts, curated)
    report.warnings += warnings
    report.documents = len(extractions)
    report.sources, report.entities, report.facts = (
        len(base.sources),
        len(base.entities),
        len(base.facts),
    )
    if write and extractions:
        factbase.save(base, knowledge_dir, seeds_dir, texts=texts)  # validates first
        report.written = True
        if report.ok:
            cache.prune()
    else:
        problems = factbase.validate(base, seeds_dir, texts)
        if problems:
            raise ValidationError(problems)
    report.seconds = time.perf_counter() - started
    return CompileResult(base, report, texts)


def _compile_one(path: Path, seeds_dir: Path, cache: ExtractionCache) -> tuple[Extraction, str]:
    document = read_document(path, seeds_dir)
    extraction = cache.get(document.path, document.sha256)
    if extraction is None:
        try:
            extraction = extract(
                document.path, document.text, document.sha256, markdown=document.markdown
            )
        except DocumentError:
            raise
        except Exception as exc:  # a compiler bug on one document must not sink the others
            log.exception("extraction failed for %s", document.path)
            raise DocumentError(
                document.path, f"could not be compiled ({exc.__class__.__name__})"
            ) from exc
        cache.put(extraction)
    return extraction, document.text
