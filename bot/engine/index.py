"""The SQLite index of a fact base: everything the engine reads, so a start never parses YAML.

knowledge/index.sqlite is derived from knowledge/facts.yaml and rebuilt when that file
changes (size and mtime first, the content hash when they differ). It is written to a
temporary file and renamed into place, so a reader never opens half an index.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
import tempfile
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import factbase
from bot.engine import names
from bot.engine.text import (
    STOPWORDS,
    date_strength,
    has_number,
    key,
    keys,
    leans_on_previous,
    normalisation_version,
    quote_state,
    words,
)
from bot.errors import FactBaseError, SearchIndexError

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger("briefbot.engine.index")

INDEX_FILE = "index.sqlite"
# What a quote's unnamed speaker may be: "he said" after a sentence naming a firm and a town
SPEAKER_KINDS = frozenset({"person", "organization"})
# Bump the number when the tables or what fills them change (the antecedents: text.py's
# leans_on_previous and quote_state, date_strength); the word keys carry their own version.
INDEX_FORMAT = f"21-{normalisation_version()}"


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies one facts.yaml: cheap stat fields, and the content hash."""

    size: int
    mtime_ns: int
    sha256: str


@dataclass(slots=True)
class FactRow:
    """A fact as the engine scores it (one row of the facts table)."""

    ordinal: int
    id: str
    source: str
    start: int
    end: int
    excerpt: str
    statement: str
    entities: tuple[str, ...]
    date: str | None
    section: str | None
    kind: str
    relations: tuple[tuple[str, str, str | None, str], ...]  # (type, subject, object, value)
    keys: frozenset[str]
    context_keys: frozenset[str]
    key_order: tuple[str, ...]  # the keys in reading order (first occurrence)
    has_date: int  # text.date_strength: 2 placed in time, 1 loosely, 0 not
    has_number: bool
    # Entities of the sentence before, when this one leans on it ("He concluded ten deals"):
    # what its pronoun may stand for.
    antecedents: tuple[str, ...] = ()


FACT_COLUMNS = (
    "rowid, id, source, start, [end], excerpt, statement, entities, date, section, kind, "
    "relations, keys, context_keys, has_date, has_number, antecedents"
)


def _row_to_fact(row: tuple[Any, ...]) -> FactRow:
    # Positional, in FactRow's field order: a hundred facts or more are read per question.
    order = tuple(row[12].split())
    return FactRow(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[5] if row[6] is None else row[6],  # NULL: the statement is the excerpt
        tuple(filter(None, row[7].split("\n"))),
        row[8],
        row[9],
        row[10],
        tuple(tuple(r) for r in json.loads(row[11])) if row[11] else (),
        frozenset(order),
        frozenset(row[13].split()),
        order,
        row[14] or 0,
        bool(row[15]),
        tuple(filter(None, row[16].split("\n"))) if row[16] else (),
    )


# --- building ----------------------------------------------------------------------------


def _ordered_facts(base: factbase.FactBase) -> list[factbase.Fact]:
    """Reading order: by source as listed, then by position, so neighbours are adjacent rows."""
    order = {s.id: n for n, s in enumerate(base.sources)}
    return sorted(base.facts, key=lambda f: (order.get(f.source, len(order)), f.source, f.start))


def _antecedents(
    facts: list[factbase.Fact], kinds: dict[str, str] | None = None
) -> list[tuple[str, ...]]:
    """What each fact's leaning subject may stand for: the entities of the sentence before,
    and when that one leans too, what it stands for ("Comedy Meet the Fockers has held ...
    It took $42.8m ... It took $19.1m ... The sequel ... stars Robert De Niro"). A quote
    whose speaker goes unnamed ('"...," he said', a quote running on) stands only for a
    person or an organization (`kinds`: entity id -> kind): a speaker, not the places and
    things the quote before it mentioned."""
    found: list[tuple[str, ...]] = []
    running, after_quote = -1, False  # the quotation the story's sentence before left open
    for n, fact in enumerate(facts):
        first = n == 0 or facts[n - 1].source != fact.source
        if first:
            running, after_quote = -1, False
        speaker_before, running, after_quote = quote_state(fact.excerpt, running, after_quote)
        leans = leans_on_previous(fact.excerpt)
        if first or not (leans or speaker_before):
            found.append(())
            continue
        previous = (*facts[n - 1].entities, *found[n - 1])
        if not leans and kinds is not None:
            previous = tuple(e for e in previous if kinds.get(e) in SPEAKER_KINDS)
        found.append(tuple(e for e in dict.fromkeys(previous) if e not in fact.entities))
    return found


def _fact_records(
    facts: list[factbase.Fact], fact_keys: list[str], kinds: dict[str, str]
) -> Iterator[dict[str, Any]]:
    antecedents = _antecedents(facts, kinds)
    for n, fact in enumerate(facts):
        neighbours = [
            fact_keys[m]
            for m in (n - 1, n + 1)
            if 0 <= m < len(facts) and facts[m].source == fact.source
        ]
        yield {
            "rowid": n + 1,
            "id": fact.id,
            "source": fact.source,
            "start": fact.start,
            "end": fact.end,
            "excerpt": fact.excerpt,
            # most facts state their excerpt: NULL then, one text less to store and read
            "statement": None if fact.statement == fact.excerpt else fact.statement,
            "entities": "\n".join(fact.entities),
            "date": fact.date,
            "date_text": fact.date_text,
            "section": fact.section,
            "kind": fact.kind,
            "relations": json.dumps(
                [[r.type, r.subject, r.object, r.value] for r in fact.relations]
            )
            if fact.relations
            else "",
            "keys": fact_keys[n],
            # The section heading and the sentences either side: weak evidence of topic.
            # (Neighbours' keys are keys already: keying them again would change some.)
            "context_keys": " ".join(
                dict.fromkeys(
                    [k for line in neighbours for k in line.split()] + keys(fact.section or "")
                )
            ),
            "n_entities": len(fact.entities),
            "has_date": date_strength(fact.excerpt, bool(fact.date)),
            "has_number": int(has_number(fact.excerpt)),
            "antecedents": "\n".join(antecedents[n]),
        }


def build_index(base: factbase.FactBase, path: Path, stamp: Stamp) -> None:
    """Write the index for `base` to `path` atomically."""
    # Imported here: sqlite_utils pulls in numpy, a tenth of a second that a start over a
    # fresh index (every start but the first) need not pay.
    import sqlite_utils  # noqa: PLC0415

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".index.", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _fill(sqlite_utils.Database(tmp), base, stamp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fill(db: sqlite_utils.Database, base: factbase.FactBase, stamp: Stamp) -> None:
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    facts = _ordered_facts(base)
    with db.conn:
        db.table("meta").insert_all(
            [
                {"key": k, "value": v}
                for k, v in {
                    "format": INDEX_FORMAT,
                    "size": str(stamp.size),
                    "mtime_ns": str(stamp.mtime_ns),
                    "sha256": stamp.sha256,
                }.items()
            ],
            pk="key",
        )
        per_source = Counter(f.source for f in facts)
        db.table("sources").insert_all(
            [
                {**_source_record(s), "facts": per_source.get(s.id, 0), "position": n}
                for n, s in enumerate(base.sources)
            ],
            pk="id",
        )
        per_entity = Counter(e for f in facts for e in set(f.entities))
        names.create_tables(
            db.conn,
            [
                (e.id, e.name, e.kind, list(e.aliases), per_entity.get(e.id, 0))
                for e in base.entities
            ],
        )
        fact_keys: list[str] = []
        vocabulary: set[str] = set()
        for fact in facts:
            # The statement may name what the excerpt only points at ("he" -> "Erdogan").
            text = (
                fact.excerpt
                if fact.statement == fact.excerpt
                else (f"{fact.excerpt} {fact.statement}")
            )
            fact_words = [w for w in words(text) if w not in STOPWORDS]
            vocabulary.update(fact_words)
            fact_keys.append(" ".join(dict.fromkeys(key(w) for w in fact_words)))
        kinds = {e.id: e.kind for e in base.entities}
        db.table("facts").insert_all(
            _fact_records(facts, fact_keys, kinds), pk="rowid", batch_size=2000
        )
        db.table("fact_entities").insert_all(
            (
                {"entity": e, "fact": n + 1}
                for n, f in enumerate(facts)
                for e in dict.fromkeys(f.entities)
            ),
            batch_size=5000,
        )
        db.table("relations").insert_all(
            (
                {
                    "fact": n + 1,
                    "type": r.type,
                    "subject": r.subject,
                    "object": r.object,
                    "value": r.value,
                }
                for n, f in enumerate(facts)
                for r in f.relations
            ),
            batch_size=5000,
        )
        df = Counter(k for line in fact_keys for k in line.split())  # keys are unique per fact
        db.table("words").insert_all(  # the spelling corrector's dictionary
            ({"word": w} for w in sorted(vocabulary) if len(w) >= 4 and w.isalpha()),
            pk="word",
            batch_size=5000,
        )
        db.table("terms").insert_all(
            ({"key": k, "df": n} for k, n in df.items()), pk="key", batch_size=5000
        )
    _ensure_tables(db)
    db.table("fact_entities").create_index(["entity"], if_not_exists=True)
    db.table("relations").create_index(["subject"], if_not_exists=True)
    db.table("relations").create_index(["object"], if_not_exists=True)
    db.table("facts").create_index(["date"], if_not_exists=True)
    db.table("facts").enable_fts(["keys"], tokenize="unicode61", create_triggers=False)
    db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('optimize')")
    _store_bm25_statistics(db.conn, fact_keys, df)
    db.conn.commit()
    db.execute("ANALYZE")
    db.conn.close()


def _store_bm25_statistics(
    conn: sqlite3.Connection, fact_keys: list[str], df: Counter[str]
) -> None:
    """What FTS5's bm25() reads for every fact it ranks (its length in tokens) and for every
    term (its document count), kept so a search can rank without calling it: bm25() looks
    up each matching row's size and rescans each term's whole posting list, the bulk of a
    search's cost. Stored only when FTS5's tokens are the keys themselves, once per fact
    (so a term's count is its `terms.df`, a fact's length its number of keys); otherwise
    searches rank in FTS5 as before."""
    conn.execute("CREATE TABLE bm25 (rows INTEGER, tokens INTEGER, lengths BLOB)")
    conn.execute("CREATE TABLE postings (key TEXT PRIMARY KEY, facts BLOB) WITHOUT ROWID")
    conn.execute("CREATE VIRTUAL TABLE temp.fts_vocabulary USING fts5vocab(main, facts_fts, row)")
    try:
        tokens = {t: (docs, n) for t, docs, n in conn.execute("SELECT * FROM temp.fts_vocabulary")}
    finally:
        conn.execute("DROP TABLE temp.fts_vocabulary")
    if len(tokens) != len(df) or any(tokens.get(k) != (n, n) for k, n in df.items()):
        log.debug("FTS5 tokens are not the word keys: searches rank in FTS5")
        return
    lengths = array("I", [0])
    postings: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
    for ordinal, line in enumerate(fact_keys, 1):
        held = line.split()
        lengths.append(len(held))
        for k in held:
            postings[k].append(ordinal)
    conn.execute(
        "INSERT INTO bm25 VALUES (?, ?, ?)", (len(fact_keys), sum(lengths), lengths.tobytes())
    )
    # A term's facts, as FTS5 would find them: an OR search reads each term's alone, and
    # FTS5 costs a few thousand instructions a fact where this is one blob
    conn.executemany(
        "INSERT INTO postings VALUES (?, ?)", ((k, a.tobytes()) for k, a in postings.items())
    )


def _ensure_tables(db: sqlite_utils.Database) -> None:
    """An empty fact base still gets every table, so queries never meet a missing one."""
    empty_columns: dict[str, dict[str, type]] = {
        "sources": {
            "id": str,
            "path": str,
            "title": str,
            "start": int,
            "end": int,
            "date": str,
            "sha256": str,
            "facts": int,
            "position": int,
        },
        "facts": {
            "rowid": int,
            "id": str,
            "source": str,
            "start": int,
            "end": int,
            "excerpt": str,
            "statement": str,
            "entities": str,
            "date": str,
            "date_text": str,
            "section": str,
            "kind": str,
            "relations": str,
            "keys": str,
            "context_keys": str,
            "n_entities": int,
            "has_date": int,
            "has_number": int,
            "antecedents": str,
        },
        "fact_entities": {"entity": str, "fact": int},
        "relations": {"fact": int, "type": str, "subject": str, "object": str, "value": str},
        "terms": {"key": str, "df": int},
        "words": {"word": str},
    }
    for name, columns in empty_columns.items():
        if not db.table(name).exists():
            db.table(name).create(columns)
        else:
            table = db.table(name)
            for column, kind in columns.items():  # a table made from records lacking a column
                if column not in table.columns_dict and column != "rowid":
                    table.add_column(column, kind)


def _source_record(source: factbase.Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "path": source.path,
        "title": source.title,
        "start": source.start,
        "end": source.end,
        "date": source.date,
        "sha256": source.sha256,
    }


# --- freshness -----------------------------------------------------------------------------


def _read_meta(path: Path) -> dict[str, str]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


def ensure_index(knowledge_dir: Path, base: factbase.FactBase | None = None) -> tuple[Path, str]:
    """The path of an index matching knowledge/facts.yaml, building it if needed; and the hash.

    The index lives beside facts.yaml; when that folder is read-only (a mounted volume), it
    is built once in the temporary folder instead, named by the content hash. `base`, when
    given, is the fact base that facts.yaml holds, already in memory (the compiler's result,
    just saved): a build then skips parsing the YAML, the bulk of its time and memory.
    """
    facts_path = knowledge_dir / factbase.FACTS_FILE
    try:
        info = facts_path.stat()
    except FileNotFoundError:
        raise FactBaseError(
            f"{facts_path}: no fact base here; run `briefbot compile` first"
        ) from None
    index_path = knowledge_dir / INDEX_FILE
    meta = _read_meta(index_path)
    if meta.get("format") == INDEX_FORMAT:
        if meta.get("size") == str(info.st_size) and meta.get("mtime_ns") == str(info.st_mtime_ns):
            return index_path, meta["sha256"]
        digest = factbase.file_sha256(facts_path)
        if meta.get("sha256") == digest:
            _touch_stamp(index_path, info)  # same content, new mtime (a checkout, a copy)
            return index_path, digest
    else:
        digest = factbase.file_sha256(facts_path)
    stamp = Stamp(info.st_size, info.st_mtime_ns, digest)
    if not os.access(knowledge_dir, os.W_OK):
        index_path = Path(tempfile.gettempdir()) / f"briefbot-index-{digest[:20]}.sqlite"
        if _read_meta(index_path).get("format") == INDEX_FORMAT:
            return index_path, digest
    log.info("indexing %s into %s", facts_path, index_path)
    if base is None:
        base = factbase.load(knowledge_dir)
    try:
        build_index(base, index_path, stamp)
    except (sqlite3.Error, OSError) as exc:
        raise SearchIndexError(f"{index_path}: cannot build the index: {exc}") from exc
    return index_path, digest


def _touch_stamp(index_path: Path, info: os.stat_result) -> None:
    try:
        conn = sqlite3.connect(index_path)
        with conn:
            conn.executemany(
                "UPDATE meta SET value = ? WHERE key = ?",
                [(str(info.st_size), "size"), (str(info.st_mtime_ns), "mtime_ns")],
            )
        conn.close()
    except sqlite3.Error as exc:  # a read-only knowledge folder: the hash check still holds
        log.debug("cannot refresh the index stamp: %s", exc)


def _marks(values: Collection[object]) -> str:
    return ",".join("?" * len(values))


def _match(terms: list[str], joiner: str) -> str:
    return joiner.join('"' + k.replace('"', '""') + '"' for k in terms)


class _Bm25:
    """FTS5's bm25() with its default constants, over the statistics stored at build."""

    K1 = 1.2
    B = 0.75

    def __init__(self, rows: int, tokens: int, lengths: array[int]) -> None:
        self.rows = rows
        self.lengths = lengths
        # The term frequency part of a term held once, per fact length, written as
        # fts5Bm25Function computes it (the operation order fixes the float).
        average = tokens / rows
        k1, b = self.K1, self.B
        self.factors = [
            (1.0 * (k1 + 1.0)) / (1.0 + k1 * (1 - b + b * length / average))
            for length in range(max(lengths, default=0) + 1)
        ]

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> _Bm25 | None:
        try:
            row = conn.execute("SELECT rows, tokens, lengths FROM bm25").fetchone()
        except sqlite3.OperationalError:  # an index built before the table existed
            return None
        if row is None or not row[0] or not row[1]:
            return None
        lengths = array("I")
        lengths.frombytes(row[2])
        return cls(row[0], row[1], lengths)

    def idf(self, count: int) -> float:
        """As fts5Bm25GetData: log((N - n + 0.5) / (n + 0.5)), floored at 1e-6."""
        idf = math.log((self.rows - count + 0.5) / (count + 0.5))
        return idf if idf > 0.0 else 1e-6


# --- reading ------------------------------------------------------------------------------


class Index:
    """Read access to one index file. Cheap queries only: every one is bounded by a LIMIT."""

    def __init__(self, path: Path) -> None:
        try:
            self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.conn.execute("PRAGMA query_only = 1")
            self.fact_count = self.conn.execute("SELECT count(*) FROM facts").fetchone()[0]
            self._bm25 = _Bm25.read(self.conn)
        except sqlite3.Error as exc:
            raise SearchIndexError(f"{path}: cannot open the index: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def sources(self) -> list[tuple[str, str, str, int]]:
        """(id, title, path, fact count) in the order the fact base lists them."""
        return [
            tuple(r)
            for r in self.rows("SELECT id, title, path, facts FROM sources ORDER BY position")
        ]

    def document_frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        marks = _marks(wanted)
        return dict(self.rows(f"SELECT key, df FROM terms WHERE key IN ({marks})", wanted))

    def search(
        self, keys: Iterable[str], limit: int, *, every: bool = False, ranked: bool = True
    ) -> list[tuple[int, float]]:
        """(ordinal, bm25) of the facts matching any key (every key), best first. Keys are
        quoted, so no user text ever reaches FTS5 syntax."""
        terms = [k for k in dict.fromkeys(keys) if k]
        if not terms:
            return []
        if ranked and limit > 0 and self._bm25 is not None:
            counts = self.document_frequencies(terms)
            if len(counts) == len(terms):
                return self._ranked(terms, counts, limit, every=every)
        joiner = " AND " if every else " OR "
        try:
            return [
                (r[0], -r[1])
                for r in self.rows(
                    "SELECT rowid, bm25(facts_fts) FROM facts_fts WHERE facts_fts MATCH ? "
                    + ("ORDER BY rank " if ranked else "")
                    + "LIMIT ?",
                    (_match(terms, joiner), limit),
                )
            ]
        except sqlite3.OperationalError as exc:  # pragma: no cover - quoting makes this unreachable
            log.warning("fts query failed: %s", exc)
            return []

    def _ranked(
        self, terms: list[str], counts: dict[str, int], limit: int, *, every: bool
    ) -> list[tuple[int, float]]:
        """What FTS5's `ORDER BY rank` returns, ranked here: FTS5 only finds the facts.

        Every key is one token, once per fact, so a fact's score is the sum, over the terms
        it holds in the query's order, of the term's IDF times its length's factor, added
        in the order bm25() adds them (the same floats); ties go to the lower rowid, as
        FTS5's sort leaves them."""
        bm25 = self._bm25
        assert bm25 is not None
        lengths, factors = bm25.lengths, bm25.factors
        weights = [bm25.idf(counts[t]) for t in terms]
        scores: dict[int, float] = {}
        if every:  # every fact holds every term: its score depends on its length alone
            by_length: dict[int, float] = {}
            for ordinal in self._matching(_match(terms, " AND ")):
                length = lengths[ordinal]
                if length not in by_length:
                    score = 0.0
                    for weight in weights:
                        score += weight * factors[length]
                    by_length[length] = score
                scores[ordinal] = by_length[length]
        else:
            postings = self._postings(terms)
            first = next(postings)
            scores = {o: weights[0] * factors[lengths[o]] for o in first}
            for weight, found in zip(weights[1:], postings, strict=True):
                get = scores.get
                for o in found:
                    scores[o] = get(o, 0.0) + weight * factors[lengths[o]]
        best = sorted(sorted(scores), key=scores.__getitem__, reverse=True)[:limit]
        return [(ordinal, scores[ordinal]) for ordinal in best]

    def _postings(self, terms: list[str]) -> Iterator[array[int] | list[int]]:
        """Each term's facts in ascending order: the stored lists (one query), or FTS5's."""
        stored = dict(
            self.rows(f"SELECT key, facts FROM postings WHERE key IN ({_marks(terms)})", terms)
        )
        for term in terms:
            if term in stored:
                found = array("I")
                found.frombytes(stored[term])
                yield found
            else:
                yield self._matching(_match([term], ""))

    def _matching(self, match: str) -> list[int]:
        """The ordinals of the facts matching an FTS5 expression, unranked (one row back)."""
        (found,) = self.conn.execute(
            "SELECT group_concat(rowid, ' ') FROM facts_fts WHERE facts_fts MATCH ?", (match,)
        ).fetchone()
        return list(map(int, found.split())) if found else []

    def facts_of_entities(self, entity_ids: Iterable[str], limit: int) -> list[int]:
        ids = list(dict.fromkeys(entity_ids))
        if not ids:
            return []
        marks = _marks(ids)
        return [
            r[0]
            for r in self.rows(
                f"SELECT fact FROM fact_entities WHERE entity IN ({marks}) LIMIT ?", [*ids, limit]
            )
        ]

    def facts_with_relations(
        self, entity_ids: Iterable[str], types: Iterable[str] | None, limit: int
    ) -> list[int]:
        ids = list(dict.fromkeys(entity_ids))
        if not ids:
            return []
        marks = _marks(ids)
        sql = f"SELECT fact FROM relations WHERE (subject IN ({marks}) OR object IN ({marks}))"
        params: list[Any] = [*ids, *ids]
        if types is not None:
            wanted = list(types)
            sql += f" AND type IN ({_marks(wanted)})"
            params += wanted
        return [r[0] for r in self.rows(sql + " LIMIT ?", [*params, limit])]

    def facts(self, ordinals: Iterable[int], *, leaning: Iterable[int] = ()) -> list[FactRow]:
        """The facts with these ordinals, and those of `leaning` whose subject refers back
        to the sentence before (filtered in SQL: most do not, and rows cost)."""
        wanted = list(dict.fromkeys(ordinals))
        have = set(wanted)
        maybe = [o for o in dict.fromkeys(leaning) if o not in have]
        if not wanted and not maybe:
            return []
        where = f"rowid IN ({_marks(wanted)})"
        if maybe:
            where += f" OR (rowid IN ({_marks(maybe)}) AND antecedents != '')"
        return [
            _row_to_fact(r)
            for r in self.rows(f"SELECT {FACT_COLUMNS} FROM facts WHERE {where}", [*wanted, *maybe])
        ]

    def facts_writing(self, ordinals: Iterable[int], words: Iterable[str]) -> list[FactRow]:
        """The facts with these ordinals whose excerpt writes one of the words (filtered in
        SQL: few do)."""
        wanted, written = list(dict.fromkeys(ordinals)), sorted(set(words))
        if not wanted or not written:
            return []
        where = f"rowid IN ({_marks(wanted)}) AND ("
        where += " OR ".join("instr(excerpt, ?) > 0" for _ in written) + ")"
        return [
            _row_to_fact(r)
            for r in self.rows(
                f"SELECT {FACT_COLUMNS} FROM facts WHERE {where}", [*wanted, *written]
            )
        ]

    def dated_facts(
        self, entity_ids: Iterable[str] | None, year: str | None, limit: int
    ) -> list[FactRow]:
        sql = f"SELECT {FACT_COLUMNS} FROM facts WHERE date IS NOT NULL"
        params: list[Any] = []
        ids = list(entity_ids or ())
        if ids:
            marks = _marks(ids)
            sql += f" AND rowid IN (SELECT fact FROM fact_entities WHERE entity IN ({marks}))"
            params += ids
        if year:
            sql += " AND substr(date, 1, 4) = ?"
            params.append(year)
        sql += " ORDER BY date, rowid LIMIT ?"
        return [_row_to_fact(r) for r in self.rows(sql, [*params, limit])]
