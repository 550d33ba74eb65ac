"""compile_folder: seeds/ -> knowledge/facts.yaml, document by document, cached, validated."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot import factbase
from bot.compiler.cache import (
    DocumentRecord,
    ExtractionCache,
    GroupingMemo,
    MergeMemo,
    Snapshot,
    Stamp,
    file_stamp,
)
from bot.compiler.curated import Curated
from bot.compiler.extract import COMPILER_VERSION, Extraction, extract
from bot.compiler.merge import (
    Anchors,
    Grouping,
    anchors,
    document_fact_rows,
    document_sources,
    merge_grouped,
    source_ids,
)
from bot.compiler.reading import Document, find_documents, read_document
from bot.errors import DocumentError, ValidationError
from bot.factbase import Entity, FactBase, FactRow, Source, fact_from_row

log = logging.getLogger("briefbot.compiler")
NO_STAMP = (-1, -1)  # matches no file: the document is read and hashed next time
RACY_NS = 2_000_000_000  # files modified this recently are re-hashed next time
PENDING_LIMIT = 16  # documents added onto a kept grouping before it is encoded again
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
    phases: dict[str, float] = field(default_factory=dict)  # seconds, in the order they ran

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_line(self) -> str:
        failed = f", {len(self.problems)} failed" if self.problems else ""
        counts = ", ".join(
            _counted(n, noun)
            for n, noun in (
                (self.sources, "source"),
                (self.entities, "entity"),
                (self.facts, "fact"),
                (len(self.warnings), "warning"),
            )
        )
        return (
            f"compiled {_counted(self.documents, 'document')}: {counts}{failed} "
            f"in {self.seconds:.2f}s"
        )


def _counted(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


@dataclass(slots=True)
class CompileResult:
    """`base` is made when first asked for: the facts of documents reused unchanged from the
    snapshot are decoded only then (a compile that just writes facts.yaml never needs them)."""

    report: CompileReport
    texts: dict[str, str]
    sources: list[Source]
    entities: list[Entity]
    documents: list[_Document]
    made: FactBase | None = None

    @property
    def base(self) -> FactBase:
        if self.made is None:
            facts = [fact_from_row(r) for d in self.documents for r in d.decoded_facts()]
            self.made = FactBase(sources=self.sources, entities=self.entities, facts=facts)
        return self.made


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
    cache = ExtractionCache(knowledge_dir, enabled=use_cache)
    clock = _Clock()
    completed = False
    with collector_paused():
        try:
            result = _compile_folder(
                seeds_dir, knowledge_dir, cache, clock, progress=progress, write=write
            )
            completed = True
        finally:  # what was extracted is kept even when the compile fails
            cache.save(prune=completed and result.report.ok)
        clock.lap("cache")
    result.report.phases = clock.phases
    result.report.seconds = time.perf_counter() - started
    return result


@dataclass(slots=True)
class _Clock:
    """How long each phase of a compile took (CompileReport.phases)."""

    phases: dict[str, float] = field(default_factory=dict)
    last: float = field(default_factory=time.perf_counter)

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] = now - self.last
        self.last = now


@contextmanager
def collector_paused() -> Iterator[None]:
    """A compile builds millions of small, long-lived, acyclic objects (mentions, facts, cache
    rows). The cyclic collector would rescan all of them every time the heap grows by a
    quarter, a third of an incremental compile's time for nothing; reference counting still
    frees everything, and the collector resumes (as it was) afterwards.

    Resuming, it would first scan every object the compile left alive, all of them in the
    youngest generation (a tenth of a second for a corpus of thousands): they go to the
    oldest instead, as the compile's survivors that they are (gc.freeze moves every tracked
    object into the permanent generation, unfreeze moves that into the oldest), unless some
    objects were frozen before (the caller's: unfreeze would release them)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _compile_folder(
    seeds_dir: Path,
    knowledge_dir: Path,
    cache: ExtractionCache,
    clock: _Clock,
    *,
    progress: Progress | None,
    write: bool,
) -> CompileResult:
    if not seeds_dir.is_dir():
        raise DocumentError(seeds_dir, "is not a folder of documents")
    report = CompileReport()
    curated = Curated.load(knowledge_dir)
    snapshot = Snapshot(knowledge_dir, enabled=cache.enabled)
    snapshot.load()
    names = find_documents(seeds_dir)
    if not names:  # never replace a fact base with an empty one by accident
        raise DocumentError(seeds_dir, "holds no .txt or .md documents")
    documents: list[_Document] = []
    for done, name in enumerate(names, start=1):
        if progress is not None:
            progress(done, len(names), name)
        try:
            documents.append(_compile_one(name, seeds_dir, cache, snapshot))
        except DocumentError as problem:
            report.problems.append(problem)
    report.cached = cache.hits + sum(d.text is None for d in documents)
    clock.lap("documents")  # found, read, hashed, extracted (or found unchanged)
    memo = _merged_entities(documents, curated, snapshot)
    clock.lap("merge")
    sources = _assemble_all(documents, seeds_dir, cache, report)
    clock.lap("assemble")  # facts, and their YAML
    report.warnings += memo.warnings
    # the same inputs, merged the same way, give the facts.yaml the snapshot was saved with
    unchanged = memo is snapshot.merge and snapshot.facts_file_unchanged()
    report.documents = len(documents)
    texts = {d.extraction.path: d.text for d in documents if d.text is not None}
    verified = [d.extraction.path for d in documents if d.text is None]
    facts_yaml = _facts_yaml(documents, snapshot) if write and documents and not unchanged else None
    # Facts still undecoded are those of documents skipped on their stamps whose entity and
    # source ids are unchanged: validated when facts.yaml was written, against the same file
    # with the same ids, as `verified` vouches (factbase.validate). Only their ids are
    # checked again, for duplicates with the others.
    checked = FactBase(sources=sources, entities=memo.entities)
    rows = [r for d in documents if d.facts is not None for r in d.facts]
    undecoded = [i for d in documents if d.facts is None for i in d.fact_ids()]
    report.sources, report.entities = len(sources), len(memo.entities)
    report.facts = len(rows) + len(undecoded)
    if facts_yaml is not None:
        factbase.save(  # validates first
            checked,
            knowledge_dir,
            seeds_dir,
            texts=texts,
            verified=verified,
            facts_yaml=facts_yaml,
            unlisted_fact_ids=undecoded,
            fact_rows=rows,
        )
    else:
        problems = factbase.validate(
            checked,
            seeds_dir,
            texts,
            verified=verified,
            unlisted_fact_ids=undecoded,
            fact_rows=rows,
        )
        if problems:
            raise ValidationError(problems)
    clock.lap("validate and write")
    report.written = write and bool(documents)  # or facts.yaml already held this base
    if report.written and not (unchanged and all(d.text is None for d in documents)):
        # the snapshot describes the facts.yaml just written (kept as it is when nothing,
        # not even a stamp, changed)
        racy_after = time.time_ns() - RACY_NS
        records = {d.extraction.path: d.record(cache, racy_after) for d in documents}
        snapshot.save(records, memo)
    clock.lap("snapshot")
    return CompileResult(report, texts, sources, memo.entities, documents)


@dataclass(slots=True)
class _Document:
    """One document on its way through a compile: freshly extracted, or as the snapshot held it
    (`text` is None while the file has not been read; `extraction.entities` and `.facts` empty
    until needed; `facts_yaml` None while facts.yaml may keep its piece as it is)."""

    extraction: Extraction
    text: str | None
    stamp: Stamp | None
    previous: DocumentRecord | None = None
    local_ids: list[str | None] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)
    facts: list[FactRow] | None = None  # None: the snapshot's, not decoded yet
    facts_yaml: bytes | None = None  # its piece of facts.yaml, UTF-8
    anchor_keys: Anchors | None = None  # see anchors()

    def decoded_facts(self) -> list[FactRow]:
        if self.facts is None:
            assert self.previous is not None
            self.facts = self.previous.facts()
        return self.facts

    def fact_ids(self) -> list[str]:
        if self.facts is None:
            assert self.previous is not None
            return self.previous.fact_ids
        return [r[0] for r in self.facts]

    def entities(self) -> Extraction:
        """Its extraction with its entities, decoded from the snapshot if need be."""
        if self.text is None and self.previous is not None and not self.extraction.entities:
            self.extraction.entities = self.previous.entities()
        return self.extraction

    def anchors(self) -> Anchors:
        """Made once, for the merge and the record alike (its content, hence its entities,
        cannot change during a compile: a document that did is refused)."""
        if self.anchor_keys is None:
            if self.previous is not None:  # the same content: the same entities
                self.anchor_keys = self.previous.anchors
            else:
                self.anchor_keys = anchors(self.extraction.entities)
        return self.anchor_keys

    def reusable(self) -> bool:
        previous = self.previous
        return (
            previous is not None
            and previous.local_ids == self.local_ids
            and previous.source_ids == self.source_ids
        )

    def record(self, cache: ExtractionCache, racy_after: int) -> DocumentRecord:
        """What the next compile may reuse. A file modified in the last moments before
        `racy_after` could change again within the clock's granularity without its stamp
        changing, so its stamp is not recorded: the next compile reads and hashes it."""
        x, previous = self.extraction, self.previous
        return DocumentRecord(
            stamp=self.stamp if self.stamp and self.stamp[1] < racy_after else NO_STAMP,
            sha256=x.sha256,
            sources=x.sources,
            local_ids=self.local_ids,
            source_ids=self.source_ids,
            # the previous record is kept only while the document's content is the same
            entities_blob=(
                previous.entities_blob
                if previous is not None
                else cache.entities_blob(x.path, x.sha256)
                or DocumentRecord.encode_entities(x.entities)
            ),
            anchors=self.anchors(),
            facts_blob=(
                previous.facts_blob
                if previous is not None and self.reusable()
                else DocumentRecord.encode_facts(self.decoded_facts())
            ),
            fact_ids=self.fact_ids(),
            yaml_length=(
                previous.yaml_length
                if self.facts_yaml is None and previous is not None
                else len(self.facts_yaml or b"")
            ),
        )


def _compile_one(
    name: str, seeds_dir: Path, cache: ExtractionCache, snapshot: Snapshot
) -> _Document:
    previous = snapshot.records.get(name)
    stamp = file_stamp(os.path.join(seeds_dir, name))
    if (
        previous is not None
        and stamp is not None
        and previous.stamp == stamp
        and cache.keep(name, previous.sha256)
    ):  # unchanged since the last compile read it: neither read nor hash it
        return _Document(previous.extraction(name), None, stamp, previous)
    document = read_document(seeds_dir, name, regular_size=None if stamp is None else stamp[0])
    extraction = _extraction(document, cache)
    if previous is not None and previous.sha256 != document.sha256:
        previous = None
    return _Document(extraction, document.text, stamp, previous)


def _extraction(document: Document, cache: ExtractionCache) -> Extraction:
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
    return extraction


def merge_key(curated: Curated, documents: list[_Document]) -> str:
    """What the merge depends on: the documents' entities (fixed by the compiler version and
    each document's path and content) and curated.yaml. Not their order: find_documents sorts."""
    digest = hashlib.sha256(f"{COMPILER_VERSION}\0{curated.fingerprint()}".encode())
    for path, sha256 in sorted((d.extraction.path, d.extraction.sha256) for d in documents):
        digest.update(f"\0{path}\0{sha256}".encode())
    return digest.hexdigest()


def _merged_entities(documents: list[_Document], curated: Curated, snapshot: Snapshot) -> MergeMemo:
    """The corpus's entities, and each document's local ids set: the snapshot's merge when
    the inputs are those it was made of, else a new merge."""
    key = merge_key(curated, documents)
    memo = snapshot.merged(key)
    if memo is not None and all(d.previous is not None for d in documents):
        for document in documents:
            assert document.previous is not None
            document.local_ids = document.previous.local_ids
        return memo
    grouping, kept = _grouping(documents, snapshot)
    if not grouping.exact:
        kept = None
    elif kept is None:  # encoded before merge_grouped joins its clusters further
        covered = {d.extraction.path: d.extraction.sha256 for d in documents}
        kept = GroupingMemo(covered, grouping.encode(), [])
    anchors = [d.anchors() for d in documents]
    entities, local_ids, warnings = merge_grouped(grouping, anchors, curated)
    for document, entity_ids in zip(documents, local_ids, strict=True):
        document.local_ids = entity_ids
    return MergeMemo(key, entities, warnings, kept)


def _grouping(
    documents: list[_Document], snapshot: Snapshot
) -> tuple[Grouping, GroupingMemo | None]:
    """The grouping the snapshot kept plus the documents it lacks, when every document it
    groups is still here, unchanged; else the grouping of all the documents. With it, what
    to keep of it when that is the kept blob with a few more documents pending, else None."""
    kept = snapshot.grouping
    if kept is not None:
        current = {d.extraction.path: d.extraction.sha256 for d in documents}
        if all(current.get(path) == sha256 for path, sha256 in kept.documents.items()):
            try:
                grouping = Grouping.decode(kept.blob)
            except (ValueError, EOFError, TypeError) as exc:  # damaged: only costs time
                log.warning("ignoring the snapshot's damaged grouping: %s", exc)
            else:
                by_path = {d.extraction.path: d for d in documents}
                added = [*kept.pending, *(path for path in current if path not in kept.documents)]
                grouping.add([by_path[path].entities() for path in added])
                if len(added) > PENDING_LIMIT:
                    return grouping, None
                return grouping, GroupingMemo(current, kept.blob, added)
    grouping = Grouping()
    grouping.add([d.entities() for d in documents])
    return grouping, None


def _assemble_all(
    documents: list[_Document], seeds_dir: Path, cache: ExtractionCache, report: CompileReport
) -> list[Source]:
    """The documents' sources. Reuse a document's facts when its entity and source ids are
    those it was last assembled with (decoding them now only if it was read again, to be
    validated against its text), else assemble it (reading it if it was skipped)."""
    documents.sort(key=lambda d: d.extraction.path)
    article_ids = source_ids([d.extraction for d in documents])
    sources: list[Source] = []
    kept: list[_Document] = []
    for document, ids in zip(documents, article_ids, strict=True):
        document.source_ids = ids
        if document.reusable():
            if document.text is not None:
                document.decoded_facts()
        else:
            try:
                _assemble(document, seeds_dir, cache)
            except DocumentError as problem:  # it changed or vanished since the snapshot
                report.problems.append(problem)
                continue
        sources += document_sources(document.extraction, ids)
        kept.append(document)
    documents[:] = kept
    return sources


def _facts_yaml(documents: list[_Document], snapshot: Snapshot) -> list[bytes]:
    """Each document's piece of facts.yaml: as the file holds it when the document was
    reused, else rendered."""
    for document in documents:
        if document.facts_yaml is None:
            known = snapshot.facts_yaml(document.extraction.path)
            if known is None:
                known = factbase.render_fact_rows(document.decoded_facts()).encode("utf-8")
            document.facts_yaml = known
    return [d.facts_yaml for d in documents if d.facts_yaml is not None]


def _assemble(document: _Document, seeds_dir: Path, cache: ExtractionCache) -> None:
    if document.text is None:  # skipped on the strength of its stamp; its ids changed
        read = read_document(seeds_dir, document.extraction.path)
        if read.sha256 != document.extraction.sha256:  # its merged entities are stale now
            raise DocumentError(read.path, "changed while it was being compiled; compile again")
        document.extraction = _extraction(read, cache)
        document.text = read.text
        document.previous = None
    document.facts = document_fact_rows(
        document.extraction, document.text, document.local_ids, document.source_ids
    )
    document.facts_yaml = factbase.render_fact_rows(document.facts).encode("utf-8")
