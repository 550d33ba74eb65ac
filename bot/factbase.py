"""The fact base: its data model, YAML reading and writing, and validation.

`knowledge/facts.yaml` is the source of truth every answer quotes from. This module is the
contract between the compiler (which writes it) and the index/engine (which read it).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO, Literal

import yaml

from bot.errors import FactBaseError, ValidationError

SCHEMA_VERSION = 1
FACTS_FILE = "facts.yaml"
CURATED_FILE = "curated.yaml"

EntityKind = Literal["organization", "person", "place", "other"]
ENTITY_KINDS: tuple[str, ...] = ("organization", "person", "place", "other")

# Relation types a briefing can state as "Label: value". subject/object are entity ids
# where the compiler resolved them; `value` always holds the object as the text wrote it.
RELATION_TYPES: tuple[str, ...] = (
    "leader",  # subject (group/country) is led by object (person)
    "role",  # subject (person) holds role `value` ("President"); object: the place/org it is of
    "allegiance",  # subject swore allegiance to / is affiliated with object
    "designation",  # subject was designated (value: "terrorist organization") by object
    "area",  # subject operates in / is based in object (place)
    "former_name",  # subject was formerly called value/object
    "member",  # subject (person/group) is/was a member of object
    "quote",  # subject (speaker) said value (the quoted words)
)

_encode_string = json.encoder.encode_basestring  # the C speedup: JSON escapes are YAML escapes

try:  # the C implementations are an order of magnitude faster than pure Python
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    path: str  # relative to the seeds folder, "/"-separated
    title: str
    start: int  # the article's span in the file
    end: int
    date: str | None = None  # the document's own date, when it gives one
    sha256: str | None = None  # of the whole file, to detect stale excerpts


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    type: str
    subject: str  # entity id
    value: str  # the object as written in the excerpt
    object: str | None = None  # entity id when resolved


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    source: str
    start: int
    end: int
    excerpt: str
    statement: str
    entities: tuple[str, ...] = ()
    date: str | None = None  # YYYY | YYYY-MM | YYYY-MM-DD
    date_text: str | None = None  # the words the date came from, as written
    section: str | None = None  # the heading the fact sits under, if any
    kind: str = "sentence"  # sentence | caption | quote
    relations: tuple[Relation, ...] = ()


RelationRow = tuple[str, str, str, str | None]  # a Relation's fields, in order
# A Fact's fields in order, its relations as RelationRows: plain data, what the compiler
# assembles, renders, validates and caches. It makes Fact objects only when a caller asks for
# them: a frozen dataclass costs more to construct than the rest of a fact's assembly.
FactRow = tuple[
    str,
    str,
    int,
    int,
    str,
    str,
    tuple[str, ...],
    str | None,
    str | None,
    str | None,
    str,
    tuple[RelationRow, ...],
]


def fact_row(f: Fact) -> FactRow:
    relations = tuple((r.type, r.subject, r.value, r.object) for r in f.relations)
    return (
        f.id,
        f.source,
        f.start,
        f.end,
        f.excerpt,
        f.statement,
        f.entities,
        f.date,
        f.date_text,
        f.section,
        f.kind,
        relations,
    )


def fact_from_row(row: FactRow) -> Fact:
    if not row[11]:
        return Fact(*row)  # type: ignore[arg-type]  # () is an empty tuple of Relations too
    relations = tuple(Relation(*r) for r in row[11])
    return Fact(*row[:11], relations)


@dataclass(slots=True)
class FactBase:
    sources: list[Source] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.sources),
            "entities": len(self.entities),
            "facts": len(self.facts),
        }


# --- YAML ------------------------------------------------------------------------------


def to_yaml(base: FactBase) -> str:
    """The fact base as block-style YAML, written directly: a YAML library's emitter takes
    seconds for tens of thousands of facts. Strings that are not plain identifiers are
    double-quoted with JSON escapes, which YAML reads the same way; the loader stays libyaml's.
    Empty optional fields are left out so the file stays short enough to review.
    """
    out = _head(base, any_facts=bool(base.facts))
    _render_facts(map(fact_row, base.facts), out)
    return "".join(out)


def _head(base: FactBase, *, any_facts: bool) -> list[str]:
    """Everything before the facts' items: schema, sources, entities, the `facts:` key.
    Source and entity ids are in the memo when their facts were just rendered (not added to
    it otherwise: a compile that renders few facts would only pay for it); names, paths and
    hashes are unique: quoted without it."""
    q = _QUOTED
    out: list[str] = [f"schema: {base.schema}\n"]
    out.append("sources:\n" if base.sources else "sources: []\n")
    for s in base.sources:
        out.append(
            f"- id: {q.get(s.id) or _quote(s.id)}\n  path: {_quote(s.path)}\n"
            f"  title: {_quote(s.title)}\n  start: {s.start}\n  end: {s.end}\n"
        )
        if s.date:
            out.append(f"  date: {q[s.date]}\n")
        if s.sha256:
            out.append(f"  sha256: {_quote(s.sha256)}\n")
    out.append("entities:\n" if base.entities else "entities: []\n")
    for e in base.entities:
        aliases = ", ".join(map(_quote, e.aliases)) if e.aliases else ""
        out.append(
            f"- id: {q.get(e.id) or _quote(e.id)}\n  name: {_quote(e.name)}\n  kind: {q[e.kind]}\n"
            f"  aliases: [{aliases}]\n"
        )
    out.append("facts:\n" if any_facts else "facts: []\n")
    return out


def render_facts(facts: Iterable[Fact]) -> str:
    """The items of the YAML `facts:` list, each rendered on its own: the text of a list of
    facts is the concatenation of its parts' texts."""
    return render_fact_rows(map(fact_row, facts))


def render_fact_rows(rows: Iterable[FactRow]) -> str:
    """render_facts of the facts these rows are."""
    out: list[str] = []
    _render_facts(rows, out)
    return "".join(out)


def _render_facts(rows: Iterable[FactRow], out: list[str]) -> None:
    q = _QUOTED
    for row in rows:
        fid, source, start, end, excerpt, statement, entities, date, date_text, section = row[:10]
        kind, relations = row[10], row[11]
        # ids and excerpts are unique: quoted without the memo. Most statements are their
        # excerpt, quoted once.
        quoted = _quote(excerpt)
        out.append(
            f"- id: {_quote(fid)}\n  source: {q[source]}\n  start: {start}\n  end: {end}\n"
            f"  excerpt: {quoted}\n"
            f"  statement: {quoted if statement == excerpt else _quote(statement)}\n"
            f"  entities: [{', '.join(map(q.__getitem__, entities))}]\n"
        )
        if date:
            out.append(f"  date: {q[date]}\n")
        if date_text:
            out.append(f"  date_text: {q[date_text]}\n")
        if section:
            out.append(f"  section: {q[section]}\n")
        if kind and kind != "sentence":
            out.append(f"  kind: {q[kind]}\n")
        if relations:
            out.append("  relations:\n")
            for rtype, subject, value, obj in relations:
                out.append(
                    f"  - type: {q[rtype]}\n    subject: {q[subject]}\n    value: {q[value]}\n"
                )
                if obj:
                    out.append(f"    object: {q[obj]}\n")


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*")
_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])
_LONGEST_YAML_WORD = max(map(len, _YAML_WORDS))
_UNSAFE_IN_QUOTES = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


class _Quoter(dict[str, str]):
    """A string as a YAML scalar: plain when it is an identifier, else JSON-quoted (memoized:
    ids repeat across facts and documents). `q[text]`: a dict lookup in C once a string was
    quoted."""

    def __missing__(self, text: str) -> str:
        quoted = _quote(text)
        if len(text) < MEMO_LENGTH:
            if len(self) >= MEMO_SIZE:  # a memo, not a leak: a long-running bot compiles often
                self.clear()
            self[text] = quoted
        return quoted


MEMO_LENGTH = 80  # longer strings (excerpts, quotes) seldom repeat
MEMO_SIZE = 1 << 16  # ids of a corpus of thousands of documents; a few MB at most
_QUOTED = _Quoter()  # shared by every rendering: a compile renders each document on its own


def _quote(text: str) -> str:
    # a space rules out a plain scalar without the regex (most quoted text is sentences);
    # the YAML words are short
    if (
        " " not in text
        and _PLAIN.fullmatch(text)
        and (len(text) > _LONGEST_YAML_WORD or text.casefold() not in _YAML_WORDS)
    ):
        return text
    if '"' not in text and "\\" not in text and text.isprintable():
        return f'"{text}"'  # nothing to escape: what the slower escaping below would give
    quoted: str = _encode_string(text)
    # line separators and C1 controls must be escaped in YAML; of them only DEL is ASCII, so
    # most quoted text (ASCII) needs no search
    if (not quoted.isascii() or "\x7f" in quoted) and _UNSAFE_IN_QUOTES.search(quoted):
        quoted = _UNSAFE_IN_QUOTES.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return quoted


def from_yaml(text: str) -> FactBase:
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise FactBaseError(f"facts.yaml is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise FactBaseError("facts.yaml must be a mapping with schema, sources, entities, facts")
    # a base of another schema would load with its fields misread, and answer wrongly
    if data.get("schema") != SCHEMA_VERSION:
        raise FactBaseError(
            f"facts.yaml is schema {data.get('schema')!r}; this briefbot reads schema "
            f"{SCHEMA_VERSION}: run `briefbot compile` to rebuild it"
        )
    try:
        return FactBase(
            schema=SCHEMA_VERSION,
            sources=[Source(**s) for s in data.get("sources") or []],
            entities=[
                Entity(**{**e, "aliases": tuple(e.get("aliases") or ())})
                for e in data.get("entities") or []
            ],
            facts=[_fact_from_record(f) for f in data.get("facts") or []],
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise FactBaseError(f"facts.yaml has a malformed record: {exc}") from exc


def _fact_from_record(record: dict[str, Any]) -> Fact:
    relations = tuple(Relation(**r) for r in record.get("relations") or ())
    fields = {**record, "entities": tuple(record.get("entities") or ()), "relations": relations}
    if fields.get("kind") is None:
        fields["kind"] = "sentence"
    if fields.get("date") is not None:  # a hand-edited, unquoted 2020-02-15 loads as a date
        fields["date"] = str(fields["date"])
    return Fact(**fields)


def load(knowledge_dir: Path) -> FactBase:
    path = knowledge_dir / FACTS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactBaseError(f"{path}: no fact base here; run `briefbot compile` first") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FactBaseError(f"{path}: cannot read: {exc}") from exc
    return from_yaml(text)


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file, read in blocks: an engine's version is this of facts.yaml."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomically(path: Path, text: str) -> None:
    """Write a temporary file beside `path`, then rename it over: readers see old or new."""
    _write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))


def write_parts_atomically(
    path: Path, parts: Iterable[bytes | memoryview], *, durable: bool = True
) -> None:
    """write_atomically of bytes in parts, never joined (the compiler's facts.yaml, its cache
    files). `durable=False` skips the fsync: for a cache, whose loss only costs time."""
    _write_atomically(path, lambda handle: handle.writelines(parts), durable=durable)


def _write_atomically(
    path: Path, write: Callable[[BinaryIO], object], *, durable: bool = True
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file owner-only; keep the old file's mode (or a plain 0644) so a
        # bot running as another user can still read what `briefbot compile` wrote
        os.fchmod(fd, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(
    base: FactBase,
    knowledge_dir: Path,
    seeds_dir: Path,
    texts: dict[str, str] | None = None,
    *,
    verified: Collection[str] = (),
    facts_yaml: Sequence[bytes] | None = None,
    unlisted_fact_ids: Iterable[str] = (),
    fact_rows: Sequence[FactRow] = (),
) -> Path:
    """Validate, then atomically replace facts.yaml: a failing base never replaces a good one.

    `texts` (source path -> decoded text) spares re-reading documents the caller already holds;
    `verified`, `unlisted_fact_ids` and `fact_rows` are passed on to `validate`. `facts_yaml`,
    when given, is the facts already rendered (`render_facts`, UTF-8), in pieces (the compiler
    keeps each unchanged document's piece from the previous compile), and stands for
    `base.facts` and `fact_rows`, which may then be partial (see `unlisted_fact_ids`). Pieces,
    not one string: joining them would hold the whole file twice over (100+ MB for a large
    corpus).
    """
    if fact_rows and facts_yaml is None:
        raise ValueError("facts given as rows are written from their rendered YAML only")
    problems = validate(
        base,
        seeds_dir,
        texts,
        verified=verified,
        unlisted_fact_ids=unlisted_fact_ids,
        fact_rows=fact_rows,
    )
    if problems:
        raise ValidationError(problems)
    path = knowledge_dir / FACTS_FILE
    if facts_yaml is None:
        write_atomically(path, to_yaml(base))
    else:
        head = "".join(_head(base, any_facts=any(facts_yaml))).encode("utf-8")
        write_parts_atomically(path, [head, *facts_yaml])
    return path


# --- validation ------------------------------------------------------------------------


def validate(
    base: FactBase,
    seeds_dir: Path,
    texts: dict[str, str] | None = None,
    *,
    verified: Collection[str] = (),
    unlisted_fact_ids: Iterable[str] = (),
    fact_rows: Sequence[FactRow] = (),
) -> list[str]:
    """Every problem with `base`, one short line each; empty when it is sound.

    `texts` maps source paths to their decoded text, to skip re-reading files the caller holds.
    `verified` names source paths whose sources and facts the caller vouches for: validated
    before, against the unchanged file, with the same entity ids (the compiler reuses them
    so). They are not re-read or re-checked; ids are still checked for duplicates.
    `unlisted_fact_ids` are the ids of such vouched-for facts left out of `base.facts` (the
    compiler does not decode them to write them again): checked for duplicates with the rest.
    `fact_rows` are more facts, as rows (the compiler's), checked as `base.facts` are.
    """
    rows = [*map(fact_row, base.facts), *fact_rows]
    problems: list[str] = []
    if base.schema != SCHEMA_VERSION:
        problems.append(f"schema is {base.schema}, expected {SCHEMA_VERSION}")
    problems += _duplicate_ids("source", (s.id for s in base.sources))
    problems += _duplicate_ids("entity", (e.id for e in base.entities))
    problems += _duplicate_ids("fact", [*map(itemgetter(0), rows), *unlisted_fact_ids])
    for entity in base.entities:
        if entity.kind not in ENTITY_KINDS:
            problems.append(f"entity {entity.id}: unknown kind {entity.kind!r}")
        if not entity.name.strip():
            problems.append(f"entity {entity.id}: empty name")
    sources = {s.id: s for s in base.sources}
    entity_ids = {e.id for e in base.entities}
    file_texts = dict(texts or {})
    verified = frozenset(verified)
    for source in base.sources:
        if source.path not in verified:
            problems += _check_source(source, seeds_dir, file_texts)
    unverified = {s.id: s for s in base.sources if s.path not in verified}
    iso_dates: set[str] = set()
    for row in rows:
        source_id = row[1]
        if source_id in unverified:
            source = unverified[source_id]
            text = file_texts.get(source.path)
            # the usual fact, cleared at a glance; any doubt and it is checked in full
            if (
                (  # inside its article, and text[start:end] == excerpt without copying the slice
                    text is None
                    or (
                        source.start <= row[2]
                        and row[3] <= source.end
                        and row[3] - row[2] == len(row[4])
                        and text.startswith(row[4], row[2])
                    )
                )
                and row[5].strip()
                and entity_ids.issuperset(row[6])
                and not row[11]
                and (row[7] is None or row[7] in iso_dates)
            ):
                continue
        elif source_id in sources:
            continue
        problems += _check_fact(row, sources, entity_ids, file_texts)
        if row[7] is not None and _is_iso_date(row[7]):
            iso_dates.add(row[7])
    return problems


def _duplicate_ids(kind: str, ids: Iterable[str]) -> list[str]:
    listed = list(ids)
    if len(set(listed)) == len(listed):  # the usual case, found without a Python-level loop
        return []
    seen: set[str] = set()
    duplicates = sorted({i for i in listed if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    return [f"duplicate {kind} id {i!r}" for i in duplicates]


def _check_source(source: Source, seeds_dir: Path, texts: dict[str, str]) -> list[str]:
    if source.path not in texts:
        try:
            texts[source.path] = (seeds_dir / source.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return [f"source {source.id}: cannot read {source.path}: {exc.__class__.__name__}"]
    length = len(texts[source.path])
    if not 0 <= source.start < source.end <= length:
        span = f"{source.start}:{source.end}"
        return [f"source {source.id}: span {span} outside {source.path} ({length} chars)"]
    return []


def _check_fact(
    row: FactRow, sources: dict[str, Source], entity_ids: set[str], texts: dict[str, str]
) -> list[str]:
    fact_id, source_id, start, end, excerpt, statement, entities, date = row[:8]
    problems: list[str] = []
    source = sources.get(source_id)
    if source is None:
        return [f"fact {fact_id}: unknown source {source_id!r}"]
    text = texts.get(source.path)
    where = f"{source.path}[{start}:{end}]"
    if not source.start <= start < end <= source.end:
        # a negative offset would slice from the end of the file and could still match
        span = f"{source.start}:{source.end}"
        problems.append(f"fact {fact_id}: {where} lies outside its source's span {span}")
    elif text is not None and text[start:end] != excerpt:
        problems.append(f"fact {fact_id}: excerpt differs from {where}")
    if not statement.strip():
        problems.append(f"fact {fact_id}: empty statement")
    for entity_id in entities:
        if entity_id not in entity_ids:
            problems.append(f"fact {fact_id}: unknown entity {entity_id!r}")
    for relation_type, subject, _value, obj in row[11]:
        if relation_type not in RELATION_TYPES:
            problems.append(f"fact {fact_id}: unknown relation type {relation_type!r}")
        for ref in (subject, obj):
            if ref is not None and ref not in entity_ids:
                problems.append(f"fact {fact_id}: relation refers to unknown entity {ref!r}")
    if date is not None and not _is_iso_date(date):
        problems.append(f"fact {fact_id}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return problems


def _is_iso_date(value: str) -> bool:
    parts = value.split("-")
    return (
        1 <= len(parts) <= 3
        and len(parts[0]) == 4
        and all(p.isdigit() for p in parts)
        and all(len(p) == 2 for p in parts[1:])
    )
