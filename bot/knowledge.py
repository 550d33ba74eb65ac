"""The holder of the Engine that is serving now, and the one place that replaces it.

`reload()` recompiles the seeds without writing, refuses to swap when any document failed or
the new base does not validate (the old base keeps serving), else saves facts.yaml, opens a
new Engine and swaps the reference. Readers take `engine` without a lock: swapping one
attribute is atomic, and an Engine is never mutated once open. Reloads are serialized.

`refresh_if_changed()` brings in a facts.yaml that someone else saved (another replica's
/reload on a shared volume): a stat per call, a hash only when size or mtime moved, and a
new Engine only when the content differs from the one serving. Saves are atomic renames,
so it never sees half a file; a file that does not open leaves the old engine serving.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from bot import factbase
from bot.errors import BriefbotError, ValidationError, unwritable
from bot.factbase import FactBase
from bot.reply import Reply
from bot.settings import Settings

log = logging.getLogger("briefbot.knowledge")

NOT_LOADED = (
    "The fact base is not loaded, so I cannot answer yet. An admin can fix it with /reload."
)


class EngineLike(Protocol):
    version: str

    def answer(self, text: str) -> Reply: ...
    def counts(self) -> dict[str, int]: ...


# compile_folder(seeds, knowledge, *, progress=None, write=True) -> .base, .report, .texts
Compile = Callable[..., Any]


class OpenEngine(Protocol):
    """Engine.open's shape: `base`, when given, is the fact base facts.yaml was just saved
    from, so the index is built from memory instead of re-parsing the YAML."""

    def __call__(
        self, knowledge_dir: Path, seeds_dir: Path, *, base: factbase.FactBase | None = None
    ) -> EngineLike: ...


@dataclass(frozen=True)
class Change:
    """Ids added, removed and changed for one kind of record."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def line(self, label: str) -> str:
        added, removed, changed = len(self.added), len(self.removed), len(self.changed)
        return f"{label}: +{added} added, −{removed} removed, ~{changed} changed"


SOURCES_NAMED = 10  # sources a reload's report names for each of added, removed, changed


@dataclass(frozen=True)
class Diff:
    sources: Change = Change()
    entities: Change = Change()
    facts: Change = Change()
    source_titles: dict[str, str] = field(default_factory=dict)  # id → title, for added/removed

    def __bool__(self) -> bool:
        return bool(self.sources or self.entities or self.facts)

    def lines(self) -> list[str]:
        if not self:
            return ["Nothing changed."]
        out = [
            self.sources.line("Sources"),
            self.entities.line("Entities"),
            self.facts.line("Facts"),
        ]
        for verb, ids in (
            ("added", self.sources.added),
            ("removed", self.sources.removed),
            ("changed", self.sources.changed),
        ):
            out += [f"  {verb}: {self.source_titles.get(i, i)}" for i in ids[:SOURCES_NAMED]]
            if len(ids) > SOURCES_NAMED:
                out.append(f"  … and {len(ids) - SOURCES_NAMED} more {verb}")
        return out


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    diff: Diff = Diff()
    problems: tuple[str, ...] = ()  # one line each: what failed and where
    failed_paths: tuple[str, ...] = ()  # documents that failed to compile
    counts: dict[str, int] = field(default_factory=dict)
    version: str | None = None
    summary: str = ""
    seconds: float = 0.0

    def lines(self) -> list[str]:
        if self.ok:
            head = f"Reloaded in {self.seconds:.1f} s: " + ", ".join(
                f"{v} {k}" for k, v in self.counts.items()
            )
            return [head, *self.diff.lines()]
        shown = list(self.problems[:10])
        more = [f"… and {len(self.problems) - 10} more"] if len(self.problems) > 10 else []
        return ["Reload refused; the previous fact base keeps serving.", *shown, *more]


def diff_bases(old: FactBase, new: FactBase) -> Diff:
    def change(before: Iterable[Any], after: Iterable[Any]) -> Change:
        old_by_id = {r.id: r for r in before}
        new_by_id = {r.id: r for r in after}
        return Change(
            added=tuple(sorted(new_by_id.keys() - old_by_id.keys())),
            removed=tuple(sorted(old_by_id.keys() - new_by_id.keys())),
            changed=tuple(
                sorted(
                    i for i in old_by_id.keys() & new_by_id.keys() if old_by_id[i] != new_by_id[i]
                )
            ),
        )

    titles = {s.id: s.title for s in old.sources} | {s.id: s.title for s in new.sources}
    return Diff(
        change(old.sources, new.sources),
        change(old.entities, new.entities),
        change(old.facts, new.facts),
        titles,
    )


Stat = tuple[int, int]  # (size, mtime_ns) of facts.yaml


def same_content(digest: str, version: str) -> bool:
    """Engine versions are the sha256 of facts.yaml, in full or (test engines) a prefix."""
    return bool(version) and digest.startswith(version)


class Knowledge:
    def __init__(
        self,
        seeds: Path,
        knowledge: Path,
        *,
        compile_folder: Compile | None = None,
        open_engine: OpenEngine | None = None,
        on_retire: Callable[[EngineLike], None] | None = None,
    ) -> None:
        self.seeds = seeds
        self.knowledge = knowledge
        self._compile = compile_folder
        self._open = open_engine
        self.on_retire = on_retire  # gets each replaced engine, to close it once idle
        self._engine: EngineLike | None = None
        self._lock = threading.Lock()
        # An upload saves, reloads and may quarantine; another upload saved in between would
        # be compiled by the first reload, and blamed on it or never served (bot.telegram.ingest).
        self.uploads = threading.Lock()
        self.loaded_at: float | None = None
        self._seen: Stat | None = None  # facts.yaml as it was when the serving engine opened
        self._refused: Stat | None = None  # a facts.yaml that failed to open, warned about once

    @classmethod
    def from_settings(cls, settings: Settings) -> Knowledge:
        """The real compiler and engine over settings.seeds and settings.knowledge."""
        return cls(settings.seeds, settings.knowledge)

    # --- reading (any thread) ------------------------------------------------------------

    @property
    def engine(self) -> EngineLike | None:
        return self._engine

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    @property
    def version(self) -> str | None:
        engine = self._engine
        return None if engine is None else engine.version

    def counts(self) -> dict[str, int]:
        engine = self._engine
        return (
            {"sources": 0, "entities": 0, "facts": 0} if engine is None else dict(engine.counts())
        )

    def answer(self, text: str) -> Reply:
        engine = self._engine
        if engine is None:
            return Reply(query=text, kind="error", notice=NOT_LOADED)
        return engine.answer(text)

    # --- replacing (serialized) ----------------------------------------------------------

    def open(self) -> ReloadResult | None:
        """Serve the saved fact base; compile the seeds first when there is none yet.

        Returns the reload result when it had to compile, None when it opened what was saved.
        """
        if (self.knowledge / factbase.FACTS_FILE).is_file():
            with self._lock:
                self._swap(*self._open_saved())
            return None
        return self.reload()

    def reload(self) -> ReloadResult:
        with self._lock:
            started = time.perf_counter()
            try:
                result = self._reload_locked()
            except BriefbotError as exc:
                result = ReloadResult(ok=False, problems=(str(exc),))
            seconds = time.perf_counter() - started
            log.info("reload %s in %.2f s", "swapped" if result.ok else "refused", seconds)
            return replace(result, seconds=seconds)

    def _reload_locked(self) -> ReloadResult:
        compiled = self._compile_folder()(self.seeds, self.knowledge, write=False)
        report = compiled.report
        summary = report.summary_line()
        if report.problems:
            return ReloadResult(
                ok=False,
                problems=tuple(str(p) for p in report.problems),
                failed_paths=tuple(getattr(p, "path", "") for p in report.problems),
                summary=summary,
            )
        facts_path = self.knowledge / factbase.FACTS_FILE
        previous_text = facts_path.read_text(encoding="utf-8") if facts_path.is_file() else None
        old = _parsed_or_empty(previous_text)
        try:
            factbase.save(compiled.base, self.knowledge, self.seeds, compiled.texts)
        except ValidationError as exc:
            return ReloadResult(ok=False, problems=tuple(exc.problems), summary=summary)
        except OSError as exc:  # a read-only or full volume: refused, the old base serving
            return ReloadResult(
                ok=False, problems=(str(unwritable(self.knowledge, exc)),), summary=summary
            )
        try:
            engine, seen = self._open_saved(base=compiled.base)
        except BriefbotError:
            if previous_text is not None:  # keep disk and memory telling the same story
                factbase.write_atomically(facts_path, previous_text)
            raise
        self._swap(engine, seen)
        return ReloadResult(
            ok=True,
            diff=diff_bases(old, compiled.base),
            counts=dict(engine.counts()),
            version=engine.version,
            summary=summary,
        )

    def refresh_if_changed(self) -> str | None:
        """Serve facts.yaml if it changed on disk since the engine opened; the new version or None.

        Cheap when nothing changed (one stat). Skips while a reload holds the lock: that
        reload opens whatever it saved, and the next call looks again. A file that fails to
        open is warned about once and retried only when it changes again.
        """
        if not self._lock.acquire(blocking=False):
            return None
        try:
            return self._refresh_locked()
        finally:
            self._lock.release()

    def _refresh_locked(self) -> str | None:
        facts_path = self.knowledge / factbase.FACTS_FILE
        stat = _stat(facts_path)
        if stat is None or stat in (self._seen, self._refused):
            return None
        version = self.version
        try:
            if version is not None and same_content(factbase.file_sha256(facts_path), version):
                self._seen = stat  # the same bytes rewritten (a no-op reload elsewhere)
                return None
            engine, seen = self._open_saved()
        except FileNotFoundError:
            return None  # renamed away between stat and open; the next call sees the new one
        except Exception as exc:  # any broken file must leave the serving engine alone
            self._refused = stat
            log.warning(
                "%s changed but does not open (%s); still serving version %s",
                facts_path,
                exc,
                (version or "none")[:12],
            )
            return None
        self._swap(engine, seen)
        self._refused = None
        log.info("fact base %s picked up from %s", engine.version[:12], facts_path)
        return engine.version

    def _open_saved(self, base: factbase.FactBase | None = None) -> tuple[EngineLike, Stat | None]:
        """Open the saved facts.yaml, with its stat taken first: if the file changes while the
        engine opens, the next refresh sees a stat it has not seen and compares the hash."""
        seen = _stat(self.knowledge / factbase.FACTS_FILE)
        return self._open_engine()(self.knowledge, self.seeds, base=base), seen

    def _swap(self, engine: EngineLike, seen: Stat | None = None) -> None:
        old, self._engine = self._engine, engine
        self._seen = seen
        self.loaded_at = time.time()
        if old is not None and self.on_retire is not None:
            self.on_retire(old)

    def _compile_folder(self) -> Compile:
        if self._compile is None:
            from bot.compiler import compile_folder  # noqa: PLC0415 - heavy; load on first use

            self._compile = compile_folder
        return self._compile

    def _open_engine(self) -> OpenEngine:
        if self._open is None:
            from bot.engine import Engine  # noqa: PLC0415 - tests inject their own

            self._open = Engine.open
        return self._open


def _stat(path: Path) -> Stat | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns


def _parsed_or_empty(text: str | None) -> FactBase:
    """The base a reload replaces, for its diff; a broken file on disk is what it repairs."""
    if text is None:
        return FactBase()
    try:
        return factbase.from_yaml(text)
    except BriefbotError as exc:
        log.warning("the saved fact base does not parse (%s); reloading over it", exc)
        return FactBase()
