"""knowledge/.cache/: per-document extractions, keyed by content hash, name and compiler version,
in one pack file, and a snapshot of the last compile's per-document results.

An unchanged document is never re-extracted; a corrupt or foreign cache entry (or pack) is
ignored and rebuilt. Entries are `marshal`ed plain tuples (no code runs on load, and it is
several times faster than unpickling thousands of records), in a git-ignored folder.

The snapshot makes adding one document to thousands cheap: one file holding, per document,
its file stamp (size, mtime), its entities and sources (what the cross-document merge needs)
and its finished facts, plus where their YAML lies in the facts.yaml that compile wrote, so
an unchanged document is neither read, hashed, decoded, re-assembled, re-validated nor
re-rendered when its entities' ids did not change. It also keeps the cross-document merge's
result with a key of its inputs (every document's path and content hash, curated.yaml): a
compile whose documents are all unchanged reuses it instead of merging again; and the merge's
first stage (merge.Grouping), which a compile that only adds documents adds them to.

Layout of both files: a magic line, the header's length, the marshaled header (rows of small
values, with the lengths of their blobs), then the blobs (marshal data of extractions; of
entities, facts, the grouping) back to back. Blobs pass from one file to the next without
being decoded or re-encoded.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from bot.compiler.extract import (
    COMPILER_VERSION,
    Extraction,
    FactDraft,
    LocalEntity,
    RelationDraft,
    SourceDraft,
)
from bot.factbase import FACTS_FILE, Entity, FactRow, write_parts_atomically

CACHE_DIR = ".cache"
SNAPSHOT_FILE = "snapshot.marshal"
SNAPSHOT_MAGIC = b"briefbot snapshot 4\n"  # then the header's length (8 bytes), header, blobs
PACK_FILE = "extractions.marshal"
PACK_MAGIC = b"briefbot extractions 1\n"
WRITE_BATCH = 1024  # blobs joined into one write
# marshal's format 2 for a pack entry: without version 3's back-references, whose
# bookkeeping (every value shared with the extraction looked up and recorded) cost a third
# of encoding an entry; the entity blob within, which they do shrink, is encoded apart
ENTRY_MARSHAL_VERSION = 2
Stamp = tuple[int, int]  # (size, mtime_ns): a file unchanged since it was last read
Blob = bytes | memoryview  # marshal data; a view into the pack or snapshot file as it was read
log = logging.getLogger("briefbot.compiler.cache")


class ExtractionCache:
    """Every document's extraction, in one pack file read when first needed and written once,
    at the end of a compile (`save`): a file per document cost more to create than most of
    the rest of a cold compile. Entries of unchanged documents pass from one pack to the
    next as they were read, neither decoded nor re-encoded."""

    def __init__(self, knowledge_dir: Path, *, enabled: bool = True) -> None:
        self.folder = knowledge_dir / CACHE_DIR
        self.path = self.folder / PACK_FILE
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        self._stored: dict[str, Blob] | None = None  # the pack's entries, once read
        self._added: dict[str, bytes] = {}
        self._entity_blobs: dict[str, bytes] = {}  # of the entries this compile got or put
        self._names: dict[str, str] = {}  # path -> its part of a key

    @staticmethod
    def key(path: str, sha256: str) -> str:
        return f"{sha256}-{ExtractionCache._name(path)}"

    @staticmethod
    def _name(path: str) -> str:
        return hashlib.sha256(f"{COMPILER_VERSION}\0{path}".encode()).hexdigest()[:12]

    def _key(self, path: str, sha256: str) -> str:
        """key(), hashing each path once: a document's key is asked for up to three times."""
        name = self._names.get(path)
        if name is None:
            name = self._names[path] = self._name(path)
        return f"{sha256}-{name}"

    def get(self, path: str, sha256: str) -> Extraction | None:
        if not self.enabled:
            return None
        key = self._key(path, sha256)
        self.used.add(key)
        data = self._added.get(key) or self.entries().get(key)
        if data is None:
            self.misses += 1
            return None
        try:
            row = marshal.loads(data)
            extraction = decode(row)
        except Exception as exc:  # a damaged entry is rebuilt, never fatal
            log.warning("ignoring unreadable cache entry %s: %s", key, exc)
            self.misses += 1
            return None
        if extraction.version != COMPILER_VERSION:
            self.misses += 1
            return None
        self.hits += 1
        self._entity_blobs[key] = row[4]
        return extraction

    def put(self, extraction: Extraction) -> None:
        if not self.enabled:
            return
        key = self._key(extraction.path, extraction.sha256)
        self.used.add(key)
        row = encode(extraction)
        self._added[key] = marshal.dumps(row, ENTRY_MARSHAL_VERSION)
        self._entity_blobs[key] = row[4]

    def entities_blob(self, path: str, sha256: str) -> bytes | None:
        """The marshaled entities of an extraction this compile got or put (what a snapshot
        record holds of them): encoded once, for both."""
        return self._entity_blobs.get(self._key(path, sha256))

    def keep(self, path: str, sha256: str) -> bool:
        """Mark an entry used without decoding it, when the pack holds it (its document comes
        from the snapshot; without the entry it is read and extracted again, to restore it)."""
        if not self.enabled:
            return False
        key = self._key(path, sha256)
        if key not in self.entries():
            return False
        self.used.add(key)
        return True

    def save(self, *, prune: bool) -> None:
        """Write the pack, when this compile added entries or, with `prune`, leaves some unused
        (of documents changed or removed). A read-only knowledge folder still compiles, just
        slower."""
        if not self.enabled:
            return
        stored = self.entries()
        entries = {
            key: data
            for key, data in stored.items()
            if key not in self._added and (not prune or key in self.used)
        }
        if prune:
            self._remove_entry_files()
        if not self._added and len(entries) == len(stored):
            return
        entries.update(self._added)
        header = marshal.dumps((COMPILER_VERSION, [(k, len(d)) for k, d in entries.items()]))
        try:
            _write_sections(self.path, PACK_MAGIC, header, entries.values())
        except OSError as exc:
            log.warning("cannot write the extraction cache %s: %s", self.path, exc)

    def entries(self) -> dict[str, Blob]:
        """The pack's entries as it was read (key -> marshal data), read when first asked for."""
        if self._stored is None:
            self._stored = self._read()
        return self._stored

    def _read(self) -> dict[str, Blob]:
        try:
            sections = _read_sections(self.path, PACK_MAGIC)
            if sections is None:
                return {}
            (version, rows), blobs = sections
            if version != COMPILER_VERSION:
                return {}
            entries: dict[str, Blob] = {key: blobs.take(length) for key, length in rows}
            blobs.finish()
        except FileNotFoundError:
            return {}
        except Exception as exc:  # a damaged pack only costs time
            log.warning("ignoring unreadable extraction cache %s: %s", self.path, exc)
            return {}
        return entries

    def _remove_entry_files(self) -> None:
        """Earlier versions kept a file per document (`*.entry`): nothing reads them now."""
        try:
            for entry in self.folder.glob("*.entry"):
                entry.unlink(missing_ok=True)
        except OSError:
            pass


def _read_sections(path: Path, magic: bytes) -> tuple[Any, _BlobReader] | None:
    """The header and blobs of a file in the cache's layout (see the module docstring); None
    when the file is of another format."""
    data = memoryview(path.read_bytes())
    if data[: len(magic)] != magic:
        return None
    at = len(magic) + 8
    end = at + int.from_bytes(data[at - 8 : at], "little")
    return marshal.loads(data[at:end]), _BlobReader(data, end)


def _write_sections(path: Path, magic: bytes, header: bytes, blobs: Iterable[Blob]) -> None:
    """Replace `path` atomically with the header and the blobs after it, as they are (not
    marshaled into the header: that would copy them into one growing buffer first)."""
    write_parts_atomically(path, _sections(magic, header, blobs), durable=False)


def _sections(magic: bytes, header: bytes, blobs: Iterable[Blob]) -> Iterator[Blob]:
    yield magic
    yield len(header).to_bytes(8, "little")
    yield header
    # a write per thousand blobs: one per blob costs more, one for all of them would copy
    # the whole file into memory first
    pending = list(blobs)
    for at in range(0, len(pending), WRITE_BATCH):
        yield b"".join(pending[at : at + WRITE_BATCH])


def encode(extraction: Extraction) -> Any:
    """Plain tuples, lists and dicts only: what marshal can store. The entities go in already
    marshaled (DocumentRecord.encode_entities), as a snapshot record keeps them; the fact
    drafts as columns (FactDraft's fields, each a tuple over the facts), which zip makes
    without a Python step per fact but for the few with relations."""
    columns = list(zip(*extraction.facts, strict=True))
    if columns:
        columns[-1] = tuple(tuple(map(tuple, rs)) if rs else () for rs in columns[-1])
    return (
        extraction.version,
        extraction.path,
        extraction.sha256,
        [tuple(s) for s in extraction.sources],
        DocumentRecord.encode_entities(extraction.entities),
        columns,
    )


def decode(data: Any) -> Extraction:
    version, path, sha256, sources, entities, columns = data
    facts: list[FactDraft] = []
    if columns:
        *fields, relations = columns
        relations = [tuple(map(RelationDraft._make, rs)) if rs else () for rs in relations]
        facts = list(map(FactDraft._make, zip(*fields, relations, strict=True)))
    return Extraction(
        path=path,
        sha256=sha256,
        sources=[SourceDraft(*s) for s in sources],
        entities=[LocalEntity(*e) for e in marshal.loads(entities)],
        facts=facts,
        version=version,
    )


def file_stamp(path: Path | str) -> Stamp | None:
    """(size, mtime_ns) of a regular file; None for anything else (a symlink's target could
    change under an unchanged link)."""
    try:
        status = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return (status.st_size, status.st_mtime_ns)


@dataclass(slots=True)
class DocumentRecord:
    """One document as the last compile left it (see the module docstring).

    Its entities and finished facts are kept as marshal blobs: a compile passes an unchanged
    document's blobs on to the next snapshot without re-encoding them, and decodes the facts
    only when it reuses them."""

    stamp: Stamp  # of the document file
    sha256: str
    sources: list[SourceDraft]
    local_ids: list[str | None]  # the ids its facts were assembled with
    source_ids: list[str]
    entities_blob: Blob  # its LocalEntity rows
    anchors: list[str]  # merge.anchors of its entities: all a merge needs of an unchanged one
    facts_blob: Blob  # its facts' rows (factbase.FactRow)
    fact_ids: list[str]  # its facts' ids, to check for duplicates without decoding them
    yaml_length: int  # in bytes, of factbase.render_facts of its facts in facts.yaml (Snapshot)

    @staticmethod
    def encode_entities(entities: list[LocalEntity]) -> bytes:
        return marshal.dumps(list(map(_entity_row, entities)))

    @staticmethod
    def encode_facts(rows: list[FactRow]) -> bytes:
        return marshal.dumps(rows)

    def extraction(self, path: str) -> Extraction:
        """Its sources only: `entities()` are decoded when a merge needs them, facts when
        they are reused."""
        return Extraction(path, self.sha256, self.sources, [], [])

    def entities(self) -> list[LocalEntity]:
        return [LocalEntity(*e) for e in marshal.loads(self.entities_blob)]

    def facts(self) -> list[FactRow]:
        rows: list[FactRow] = marshal.loads(self.facts_blob)
        return rows


@dataclass(slots=True)
class GroupingMemo:
    """A merge's first stage (merge.Grouping), to add documents to: the grouping encoded
    once, plus the few documents added since (re-added from their records: cheaper than
    encoding the whole grouping again after every added document)."""

    documents: dict[str, str]  # path -> sha256 of the documents it groups
    blob: Blob  # merge.Grouping.encode() of all of them but `pending`
    pending: list[str]  # paths of documents to add to the decoded blob


@dataclass(slots=True)
class MergeMemo:
    """The entities (and curated.yaml warnings) the last compile's merge made of its inputs;
    each document's local ids are in its record."""

    key: str  # see pipeline.merge_key
    entities: list[Entity]
    warnings: list[str]
    grouping: GroupingMemo | None = None


class Snapshot:
    """Per-document records of the last compile, in one file (see the module docstring).

    Facts are the last section of facts.yaml, in document order, each document's facts
    rendered on their own: so the records' YAML lengths, in order, cut the file's tail into
    each document's YAML. That holds while facts.yaml is the file the snapshot was saved
    with (same stamp); otherwise the YAML is rendered again.
    """

    def __init__(self, knowledge_dir: Path, *, enabled: bool = True) -> None:
        self.path = knowledge_dir / CACHE_DIR / SNAPSHOT_FILE
        self.facts_file = knowledge_dir / FACTS_FILE
        self.enabled = enabled
        self.records: dict[str, DocumentRecord] = {}
        self.facts_file_stamp: Stamp | None = None
        self.merge: MergeMemo | None = None  # decoded when its key is asked for (`merged`)
        self.grouping: GroupingMemo | None = None
        self._merge_row: Any = None
        self._yaml: dict[str, bytes] | None = None

    def load(self) -> None:
        if not self.enabled:
            return
        try:
            sections = _read_sections(self.path, SNAPSHOT_MAGIC)
            if sections is None:
                return  # another format: only costs time
            (version, facts_file_stamp, rows, merge), blobs = sections
            if version != COMPILER_VERSION:
                return
            records = {path: _record(row, blobs) for path, row in rows.items()}
            grouping = merge and merge[3] and _grouping_memo(merge[3], blobs)
            blobs.finish()
        except FileNotFoundError:
            return
        except Exception as exc:  # a damaged snapshot only costs time
            log.warning("ignoring unreadable snapshot %s: %s", self.path, exc)
            return
        self.records, self.grouping, self._merge_row = records, grouping, merge
        self.facts_file_stamp = facts_file_stamp and tuple(facts_file_stamp)

    def merged(self, key: str) -> MergeMemo | None:
        """The last compile's merge, when its inputs had this key (its entities are made only
        then: a compile that merges again never needs them)."""
        row = self._merge_row
        if row is None or row[0] != key:
            return None
        if self.merge is None:
            self.merge = MergeMemo(row[0], [Entity(*e) for e in row[1]], row[2], self.grouping)
        return self.merge

    def facts_file_unchanged(self) -> bool:
        """facts.yaml is the file this snapshot was saved with: not replaced or edited since."""
        stamp = self.facts_file_stamp
        return stamp is not None and file_stamp(self.facts_file) == stamp

    def facts_yaml(self, path: str) -> bytes | None:
        """The YAML of the document's facts as facts.yaml holds it (UTF-8: written as read,
        never decoded); None when that file is not the one the snapshot was saved with."""
        if self._yaml is None:
            self._yaml = self._cut_facts_file()
        return self._yaml.get(path)

    def _cut_facts_file(self) -> dict[str, bytes]:
        if not self.facts_file_unchanged():
            return {}
        try:
            text = self.facts_file.read_bytes()
        except OSError:
            return {}
        at = len(text) - sum(r.yaml_length for r in self.records.values())
        if at < 0:
            return {}
        pieces: dict[str, bytes] = {}
        for path in sorted(self.records):
            length = self.records[path].yaml_length
            if length and not text.startswith(b"- id: ", at):
                return {}  # not the file the lengths describe
            pieces[path] = text[at : at + length]
            at += length
        return pieces

    def save(self, records: dict[str, DocumentRecord], merge: MergeMemo | None) -> None:
        """Record `records` and `merge` with the facts.yaml just written from them (in path
        order)."""
        if not self.enabled:
            return
        blobs: list[Blob] = []
        rows = {path: _row(record, blobs) for path, record in records.items()}
        merge_row = None if merge is None else _merge_row(merge, blobs)
        stamp = file_stamp(self.facts_file)
        header = marshal.dumps((COMPILER_VERSION, stamp, rows, merge_row))
        try:
            _write_sections(self.path, SNAPSHOT_MAGIC, header, blobs)
        except OSError as exc:
            log.warning("cannot write snapshot %s: %s", self.path, exc)


class _BlobReader:
    """The snapshot's blobs, in the order the header's rows list their lengths."""

    def __init__(self, data: memoryview, start: int) -> None:
        self.data, self.at = data, start

    def take(self, length: int) -> memoryview:
        blob = self.data[self.at : self.at + length]
        if len(blob) != length:
            raise ValueError("snapshot ends before its blobs")
        self.at += length
        return blob

    def finish(self) -> None:
        if self.at != len(self.data):
            raise ValueError("snapshot has bytes its rows do not account for")


def _row(record: DocumentRecord, blobs: list[Blob]) -> Any:
    blobs += (record.entities_blob, record.facts_blob)
    return (
        record.stamp,
        record.sha256,
        [tuple(s) for s in record.sources],
        record.local_ids,
        record.source_ids,
        len(record.entities_blob),
        record.anchors,
        len(record.facts_blob),
        record.fact_ids,
        record.yaml_length,
    )


def _record(row: Any, blobs: _BlobReader) -> DocumentRecord:
    (
        stamp,
        sha256,
        sources,
        local_ids,
        source_ids,
        entities,
        anchors,
        facts,
        fact_ids,
        length,
    ) = row
    return DocumentRecord(
        tuple(stamp),
        sha256,
        [SourceDraft(*s) for s in sources],
        local_ids,
        source_ids,
        blobs.take(entities),
        anchors,
        blobs.take(facts),
        fact_ids,
        length,
    )


def _merge_row(merge: MergeMemo, blobs: list[Blob]) -> Any:
    kept = merge.grouping
    grouping = None
    if kept is not None:
        blobs.append(kept.blob)
        grouping = (kept.documents, len(kept.blob), kept.pending)
    entities = [(e.id, e.name, e.kind, e.aliases) for e in merge.entities]
    return (merge.key, entities, merge.warnings, grouping)


def _grouping_memo(row: Any, blobs: _BlobReader) -> GroupingMemo:
    documents, length, pending = row
    return GroupingMemo(documents, blobs.take(length), pending)


_entity_row: Callable[[LocalEntity], tuple[Any, ...]] = attrgetter(
    "keys", "alias_keys", "surfaces", "votes", "titles", "former"
)  # LocalEntity's fields, in order
