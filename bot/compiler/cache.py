"""knowledge/.cache/: per-document extractions, keyed by content hash, name and compiler version.

An unchanged document is never re-extracted; a corrupt or foreign cache entry is ignored
and rebuilt. Entries are pickles written by this program into a git-ignored folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

from bot.compiler.extract import COMPILER_VERSION, Extraction

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
            with (self.folder / f"{key}.pickle").open("rb") as handle:
                extraction = pickle.load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception as exc:  # a damaged entry is rebuilt, never fatal
            log.warning("ignoring unreadable cache entry %s: %s", key, exc)
            self.misses += 1
            return None
        if not isinstance(extraction, Extraction) or extraction.version != COMPILER_VERSION:
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
                pickle.dump(extraction, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{key}.pickle")
        except OSError as exc:  # a read-only knowledge folder still compiles, just slower
            log.warning("cannot write cache entry %s: %s", key, exc)

    def prune(self) -> int:
        """Delete entries this compile did not use (documents changed or removed)."""
        if not self.enabled or not self.folder.is_dir():
            return 0
        removed = 0
        for entry in self.folder.glob("*.pickle"):
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
