"""knowledge/.cache/: per-document extractions, keyed by content hash, name and compiler version.

An unchanged document is never re-extracted; a corrupt or foreign cache entry is ignored
and rebuilt. Entries are `marshal`ed plain tuples (no code runs on load, and it is several
times faster than unpickling thousands of records), in a git-ignored folder.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
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

CACHE_DIR = ".cache"
log = logging.getLogger("briefbot.compiler.cache")


class ExtractionCache:
    def __init__(self, knowledge_dir: Path, *, enabled: bool = True) -> None:
        self.folder = knowledge_dir / CACHE_DIR
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()

    @staticmethod
    def key(path: str, sha256: str) -> str:
        name = hashlib.sha256(f"{COMPILER_VERSION}\0{path}".encode()).hexdigest()[:12]
        return f"{sha256}-{name}"

    def get(self, path: str, sha256: str) -> Extraction | None:
        if not self.enabled:
            return None
        key = self.key(path, sha256)
        self.used.add(key)
        try:
            data = (self.folder / f"{key}.entry").read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        try:
            extraction = decode(marshal.loads(data))
        except Exception as exc:  # a damaged entry is rebuilt, never fatal
            log.warning("ignoring unreadable cache entry %s: %s", key, exc)
            self.misses += 1
            return None
        if extraction.version != COMPILER_VERSION:
            self.misses += 1
            return None
        self.hits += 1
        return extraction

    def put(self, extraction: Extraction) -> None:
        if not self.enabled:
            return
        key = self.key(extraction.path, extraction.sha256)
        self.used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entry.", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(marshal.dumps(encode(extraction)))
            os.replace(tmp, self.folder / f"{key}.entry")
        except OSError as exc:  # a read-only knowledge folder still compiles, just slower
            log.warning("cannot write cache entry %s: %s", key, exc)

    def prune(self) -> int:
        """Delete entries this compile did not use (documents changed or removed)."""
        if not self.enabled or not self.folder.is_dir():
            return 0
        removed = 0
        for entry in self.folder.iterdir():
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed


def encode(extraction: Extraction) -> Any:
    """Plain tuples, lists and dicts only: what marshal can store."""
    return (
        extraction.version,
        extraction.path,
        extraction.sha256,
        [tuple(s) for s in extraction.sources],
        [
            (e.keys, e.alias_keys, e.surfaces, e.votes, e.titles, e.former)
            for e in extraction.entities
        ],
        [(*f[:8], [tuple(r) for r in f.relations]) for f in extraction.facts],
    )


def decode(data: Any) -> Extraction:
    version, path, sha256, sources, entities, facts = data
    return Extraction(
        path=path,
        sha256=sha256,
        sources=[SourceDraft(*s) for s in sources],
        entities=[LocalEntity(*e) for e in entities],
        facts=[FactDraft._make((*f[:8], tuple(RelationDraft(*r) for r in f[8]))) for f in facts],
        version=version,
    )
