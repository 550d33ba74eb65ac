"""Entity names: which entities a piece of text mentions, despite typos and transliterations.

The alias table lives in the index (built once per fact base), so opening the engine does
not normalise tens of thousands of names. A query looks up all its word windows in one
SQL statement, exactly and by word keys ("katibat imam al bukhary" meets "Katibat Imam
al-Bukhari"). Fuzzy matching (rapidfuzz) runs only for words the fact base has never seen,
against the aliases sharing their first letter, loaded on first need and cached.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from bot.compiler.gazetteer import demonyms, places
from bot.compiler.gazetteer import normalize as place_key
from bot.engine.text import STOPWORDS, WORD, fold, key, keys, normalize_name

# "tokaev"/"tokayev" scores 92, "bukhary"/"bukhari" 86; fuzzy matching runs only for words
# the fact base lacks, which keeps near-misses such as "prussia" -> "russia" rare.
DEMONYM_SCORE = 95.0  # the gazetteer's own pairing, not a guess
CLIPPED_SCORE = 90.0  # as sure as a close fuzzy match: the words are the name's own starts
FUZZY_CUTOFF = 85.0
LOOKUP_CUTOFF = 88.0  # a command argument is a whole name: WRatio over all names
MAX_PHRASE = 6
MAX_KEY_SETS = 8
MAX_PLACE_WORDS = 4  # "United States of America"

EntityRow = tuple[str, str, str, list[str], int]  # id, name, kind, aliases, fact count


@dataclass(slots=True)
class EntityInfo:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    facts: int
    key_text: str = ""  # key sets of its names, one per line (see key_sets)
    _key_sets: list[frozenset[str]] | None = field(default=None, repr=False)

    @property
    def key_sets(self) -> list[frozenset[str]]:
        """Word keys of each name: a fact holding every key of one of them mentions the entity."""
        if self._key_sets is None:
            sets = [frozenset(line.split()) for line in self.key_text.split("\n") if line]
            # "PCs", "MPs": a two-letter acronym's plural is a three-letter word, which the
            # stemmer leaves whole ("gas", "bus"), so it is added here as a name of its own
            sets += [
                frozenset([key(n.lower() + "s")])
                for n in (self.name, *self.aliases)
                if len(n) == 2 and n.isupper() and n.isalpha()
            ]
            self._key_sets = sets
        return self._key_sets

    def display(self) -> str:
        short = [a for a in self.aliases if a.isupper() and 1 < len(a) <= 8]
        return f"{self.name} ({short[0]})" if short else self.name


@dataclass(frozen=True, slots=True)
class Mention:
    entity_ids: tuple[str, ...]  # best first; more than one when a name is ambiguous
    start: int  # token span in the query
    end: int
    text: str
    score: float  # 100 exact, lower when fuzzy


# --- building the tables (at index time) --------------------------------------------------


def initials(name: str) -> str:
    """ "Islamic Jihad Union" -> "iju"; lower-case particles ("al", "of") are skipped."""
    parts = [w for w in WORD.findall(name) if w[0].isupper()]
    return "".join(p[0] for p in parts).lower() if len(parts) >= 2 else ""


def _spelt_out_pairs(entities: Iterable[EntityInfo]) -> dict[str, tuple[str, ...]]:
    """Entity id -> the ids of its partners: an entity named only by an acronym ("BA")
    and one whose capitalised words it abbreviates ("British Airways"), when neither lists
    the other's form. Built once per fact base, from the names alone."""
    acronyms: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        if len(e.name) <= 6 and e.name.isupper() and _bare_acronym(e):
            acronyms[e.name.lower()].append(e.id)
    pairs: dict[str, list[str]] = defaultdict(list)
    for e in entities if acronyms else ():
        # initials need two words; most names are one, and skipped before the regex
        if " " not in e.name or e.kind == "person" or any(a.isupper() for a in e.aliases):
            continue
        rough = "".join(w[0] for w in e.name.split() if w[0].isupper()).lower()
        if rough not in acronyms and "-" not in e.name:  # cheap refusal, before the regex
            continue
        for partner in acronyms.get(initials(e.name), ()):
            pairs[e.id].append(partner)
            pairs[partner].append(e.id)
    return {i: tuple(found) for i, found in pairs.items()}


def _bare_acronym(e: EntityInfo) -> bool:
    """Named by capitals alone, with no spelt-out alias of its own."""
    names = (e.name, *e.aliases)
    return 2 <= len(e.name) <= 6 and all(n.isupper() and " " not in n for n in names)


def _clips(clipped: str, word: str) -> bool:
    """Whether `clipped` is the start of `word` ("lib" of "liberal"), or that start in the
    plural ("dems" of "democrat": "the Lib Dems")."""
    if word.startswith(clipped) and len(word) > len(clipped):
        return True
    stem = clipped[:-1]
    return (
        clipped.endswith("s") and len(stem) >= 2 and word.startswith(stem) and len(word) > len(stem)
    )


_PLACE_FIRST_WORDS: list[frozenset[str]] = []


def _place_first_words() -> frozenset[str]:
    """The first words of the gazetteer's place names, casefolded: a cheap refusal before
    a span is normalised and looked up."""
    if not _PLACE_FIRST_WORDS:
        _PLACE_FIRST_WORDS.append(frozenset(name.split()[0] for name in places() if name))
    return _PLACE_FIRST_WORDS[0]


def _dotted_initial(raw: list[str], i: int) -> bool:
    """Whether the one letter at `i` starts an initialism written with dots ("U.S." reads as
    "U", "S"; its alias folds to "u", since a lone "s" is a possessive's leftover). A letter
    alone ("u", or "ü" under stacked accents) names nothing."""
    return i + 1 < len(raw) and len(raw[i + 1]) == 1


def key_phrase(tokens: Iterable[str]) -> str:
    return " ".join(key(t) for t in tokens if t not in STOPWORDS)


def _derived(name: str, kind: str, aliases: list[str]) -> Iterator[str]:
    """Names people use that the fact base may not list: initials of a group, a surname."""
    short = initials(name)
    if short and kind != "person" and not any(a.isupper() for a in aliases):
        yield short
    if kind == "person":
        parts = normalize_name(name).split()
        if len(parts) >= 2 and len(parts[-1]) >= 4:
            yield parts[-1]


def key_text(name: str, aliases: Iterable[str]) -> str:
    lines: list[str] = []
    for alias in (name, *aliases):
        line = " ".join(sorted(set(keys(alias))))
        if line and line not in lines:
            lines.append(line)
        if len(lines) >= MAX_KEY_SETS:
            break
    return "\n".join(lines)


def alias_records(rows: Iterable[EntityRow]) -> Iterator[tuple[str, str, str, int, int]]:
    """(norm, loose, entity id, is acronym, fact count) for every name of every entity.

    Derived names (initials, surnames) are kept only where no real alias claims the string
    and exactly one entity derives it.
    """
    real: set[str] = set()
    derived: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for entity_id, name, kind, aliases, facts in rows:
        seen: set[str] = set()
        for alias in (name, *aliases):
            norm = normalize_name(alias)
            if not norm or norm in seen:
                continue
            seen.add(norm)
            real.add(norm)
            loose = key_phrase(norm.split())
            acronym = int(alias.isupper() and len(norm) <= 6)
            yield norm, loose if len(loose) >= 4 else "", entity_id, acronym, facts
        for extra in _derived(name, kind, aliases):
            derived[extra].append((entity_id, facts))
    for norm, owners in derived.items():
        if norm not in real and len(owners) == 1:
            entity_id, facts = owners[0]
            yield norm, "", entity_id, int(" " not in norm and len(norm) <= 6), facts


def create_tables(conn: sqlite3.Connection, rows: list[EntityRow]) -> None:
    """The entities and aliases tables, in the index or in a scratch database."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, name TEXT, kind TEXT, "
        "aliases TEXT, facts INTEGER, key_text TEXT)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS aliases (norm TEXT, loose TEXT, entity TEXT, "
        "acronym INTEGER, facts INTEGER)"
    )
    conn.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
        (
            (i, name, kind, "\n".join(aliases), facts, key_text(name, aliases))
            for i, name, kind, aliases, facts in rows
        ),
    )
    conn.executemany("INSERT INTO aliases VALUES (?, ?, ?, ?, ?)", alias_records(rows))
    conn.execute("CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm)")
    conn.execute("CREATE INDEX IF NOT EXISTS aliases_loose ON aliases(loose)")


# --- reading ------------------------------------------------------------------------------


class Names:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.entities: dict[str, EntityInfo] = {
            i: EntityInfo(
                i, name, kind, tuple(a for a in aliases.split("\n") if a), facts or 0, text or ""
            )
            for i, name, kind, aliases, facts, text in conn.execute(
                "SELECT id, name, kind, aliases, facts, key_text FROM entities"
            )
        }
        self._by_initial: dict[str, list[str]] = {}
        self._all_norms: list[str] | None = None
        # built here, once, so no question pays for it
        self._spelt_out = _spelt_out_pairs(self.entities.values())

    @classmethod
    def from_rows(cls, rows: Iterable[EntityRow]) -> Names:
        """Names over a scratch in-memory table (tests, tools)."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        create_tables(conn, list(rows))
        return cls(conn)

    def _ids(self, column: str, values: set[str]) -> dict[str, list[tuple[str, int]]]:
        """value -> [(entity id, is acronym)], most-mentioned entity first."""
        found: dict[str, list[tuple[str, int]]] = defaultdict(list)
        wanted = [v for v in values if v]
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for value, entity, acronym in self.conn.execute(
                f"SELECT {column}, entity, acronym FROM aliases "
                f"WHERE {column} IN ({_marks(chunk)}) ORDER BY facts DESC, entity",
                chunk,
            ).fetchall():
                if all(entity != e for e, _ in found[value]):
                    found[value].append((entity, acronym))
        return found

    def find(self, text: str, known: Callable[[str], bool] | None = None) -> list[Mention]:
        """Entities mentioned in `text`, longest names first, each word used once.

        `known(word)` says whether the fact base has the word; unknown words are the ones
        worth a fuzzy look ("tokaev", "unoin").
        """
        raw = WORD.findall(text)
        folded = [fold(w) for w in raw]
        windows = [
            (size, i)
            for size in range(min(MAX_PHRASE, len(raw)), 0, -1)
            for i in range(len(raw) - size + 1)
        ]
        exact = self._ids("norm", {" ".join(folded[i : i + s]) for s, i in windows})
        loose_of = {
            (s, i): key_phrase(folded[i : i + s])
            for s, i in windows
            if s > 1 and not ({folded[i], folded[i + s - 1]} & STOPWORDS)
        }
        loose = self._ids("loose", set(loose_of.values())) if loose_of else {}
        lowercase_query = text == text.lower()
        used = [False] * len(raw)
        mentions: list[Mention] = []
        for size, i in windows:
            if any(used[i : i + size]):
                continue
            phrase = " ".join(folded[i : i + size])
            if len(phrase) == 1 and not _dotted_initial(raw, i):
                continue
            hits = exact.get(phrase)
            if hits and not self._plausible(phrase, raw[i : i + size], lowercase_query, hits):
                hits = None
            if not hits and (size, i) in loose_of:
                hits = loose.get(loose_of[(size, i)])
            if not hits:
                continue
            used[i : i + size] = [True] * size
            mentions.append(
                Mention(tuple(e for e, _ in hits), i, i + size, " ".join(raw[i : i + size]), 100.0)
            )
        if known is not None:
            mentions = self._fuzzy(raw, folded, mentions, known)
            mentions += self._clipped(raw, folded, mentions, known)
            mentions += self._acronym_led(raw, folded, mentions)
            mentions += self._countries_of_demonyms(folded, mentions, known)
            mentions += self._places_by_other_names(raw, mentions)
        mentions = [self._with_spelt_out(m) for m in mentions]
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _with_spelt_out(self, mention: Mention) -> Mention:
        """A name and its initials kept apart by the compiler are one thing: a story says
        "British Airways" once and "BA" after, with nothing linking the two ("BA chairman
        Martin Broughton" answers "Who chairs British Airways?", and back)."""
        extra = [
            i
            for e in mention.entity_ids
            for i in self._spelt_out.get(e, ())
            if i not in mention.entity_ids
        ]
        if not extra:
            return mention
        ids = (*mention.entity_ids, *dict.fromkeys(extra))
        return Mention(ids, mention.start, mention.end, mention.text, mention.score)

    @staticmethod
    def _plausible(
        phrase: str, raw: list[str], lowercase_query: bool, hits: list[tuple[str, int]]
    ) -> bool:
        if len(raw) == 1 and phrase in STOPWORDS and not (raw[0].isupper() and len(raw[0]) > 1):
            return False  # "us", "it", "who" are words before they are names
        if all(acronym for _, acronym in hits) and not lowercase_query:
            return all(w.isupper() or w.isdigit() for w in raw)
        return True

    def named(self, norm: str) -> list[str]:
        """The entities with this exact (normalised) name or alias, most mentioned first."""
        return [e for e, _ in self._ids("norm", {norm}).get(norm, [])]

    def starting_with(self, letter: str) -> list[str]:
        """Every distinct name and alias (normalised) beginning with the letter; kept."""
        if letter not in self._by_initial:
            upper = chr(ord(letter) + 1)
            self._by_initial[letter] = [
                r[0]
                for r in self.conn.execute(
                    "SELECT DISTINCT norm FROM aliases WHERE norm >= ? AND norm < ?",
                    (letter, upper),
                ).fetchall()
            ]
        return self._by_initial[letter]

    def holding(self, typed: list[str]) -> set[str]:
        """The entities one of whose names holds every word typed ("ansarullah" in "jamaat
        ansarullah"). One scan of the names table: for a miss only."""
        longest = max(typed, key=len, default="")
        rows = self.conn.execute(
            "SELECT norm, entity FROM aliases WHERE norm LIKE ?", (f"%{longest}%",)
        ).fetchall()
        return {entity for norm, entity in rows if set(typed) <= set(norm.split())}

    def by_mentions(self, norms: list[str]) -> list[str]:
        """The entities with any of these names, most mentioned first (repeats kept)."""
        rows = self.conn.execute(
            f"SELECT entity FROM aliases WHERE norm IN ({_marks(norms)}) ORDER BY facts DESC",
            norms,
        ).fetchall()
        return [entity for (entity,) in rows]

    def _fuzzy(
        self,
        raw: list[str],
        folded: list[str],
        mentions: list[Mention],
        known: Callable[[str], bool],
    ) -> list[Mention]:
        """Add fuzzy matches around unknown words. A longer fuzzy name may swallow shorter
        exact ones inside it: "islamic jihad unoin" is one name, not the word "jihad"."""
        owner: dict[int, Mention] = {n: m for m in mentions for n in range(m.start, m.end)}
        for i, word in enumerate(folded):
            if i in owner or word in STOPWORDS or len(word) < 4 or known(word):
                continue
            best: tuple[float, int, int, str] | None = None
            for start in range(max(0, i - 3), i + 1):
                for end in range(i + 1, min(len(raw), start + 4) + 1):
                    inside = {owner[n] for n in range(start, end) if n in owner}
                    if folded[start] in STOPWORDS or any(
                        m.start < start or m.end > end for m in inside
                    ):
                        continue
                    phrase = " ".join(folded[start:end])
                    hit = process.extractOne(
                        phrase,
                        self.starting_with(phrase[0]),
                        scorer=fuzz.ratio,
                        score_cutoff=FUZZY_CUTOFF,
                    )
                    if hit and hit[0] == " ".join(folded[start:i] + folded[i + 1 : end]):
                        continue  # the name without the unknown word: it is no part of it
                    if hit and (
                        best is None or (hit[1], end - start) > (best[0], best[2] - best[1])
                    ):
                        best = (hit[1], start, end, hit[0])
            if best is None:
                continue
            score, start, end, norm = best
            ids = self.named(norm)
            if not ids:
                continue
            swallowed = {owner[n] for n in range(start, end) if n in owner}
            mentions = [m for m in mentions if m not in swallowed]
            found = Mention(tuple(ids), start, end, " ".join(raw[start:end]), score)
            mentions.append(found)
            for n in range(start, end):
                owner[n] = found
        return mentions

    def _clipped(
        self,
        raw: list[str],
        folded: list[str],
        mentions: list[Mention],
        known: Callable[[str], bool],
    ) -> list[Mention]:
        """ "Lib Dem" for "Liberal Democrats": a run of two or more capitalised words, one at
        least a word the documents never use, each the start of the word in the same place
        of exactly one entity's name. One clipped word alone ("Dem") is too ambiguous."""
        owned = {n for m in mentions for n in range(m.start, m.end)}
        found: list[Mention] = []
        start = 0
        while start < len(raw):
            end = _capitalised_run_end(raw, folded, owned, start)
            if end - start >= 2 and not all(known(w) for w in folded[start:end]):
                ids = self._expanded(folded[start:end])
                if len(ids) == 1:
                    text = " ".join(raw[start:end])
                    found.append(Mention(tuple(ids), start, end, text, CLIPPED_SCORE))
            start = max(end, start + 1)
        return found

    def _acronym_led(
        self, raw: list[str], folded: list[str], mentions: list[Mention]
    ) -> list[Mention]:
        """ "UN Security Council" for "United Nations Security Council": a name the question
        writes with its first words cut to their initials, then the rest as the documents
        write it. One entity only."""
        owned = {n for m in mentions for n in range(m.start, m.end)}
        found: list[Mention] = []
        for start, word in enumerate(raw):
            if start in owned or not (word.isupper() and word.isalpha() and 2 <= len(word) <= 4):
                continue
            end = _capitalised_run_end(raw, folded, owned, start + 1)
            if end == start + 1:
                continue
            initials, rest = folded[start], folded[start + 1 : end]
            norms = {
                norm
                for norm in self.starting_with(initials[0])
                if len(parts := norm.split()) == len(initials) + len(rest)
                and "".join(p[0] for p in parts[: len(initials)]) == initials
                and parts[len(initials) :] == rest
            }
            ids = (
                {e for hits in self._ids("norm", norms).values() for e, _ in hits}
                if norms
                else set()
            )
            if len(ids) == 1:
                text = " ".join(raw[start:end])
                found.append(Mention(tuple(ids), start, end, text, CLIPPED_SCORE))
                owned.update(range(start, end))
        return found

    def _countries_of_demonyms(
        self, folded: list[str], mentions: list[Mention], known: Callable[[str], bool]
    ) -> list[Mention]:
        """ "Which Danish company ...", where the documents write "Denmark's Maersk": a
        demonym they never use stands for its country. One they use ("Uighur militants")
        is matched as written: a people is not its state."""
        owned = {n for m in mentions for n in range(m.start, m.end)}
        found: list[Mention] = []
        for n, word in enumerate(folded):
            country = demonyms().get(word)
            if n in owned or country is None or known(word):
                continue
            norm = normalize_name(country)
            ids = self.named(norm)
            if ids:
                found.append(Mention(tuple(ids), n, n + 1, word, DEMONYM_SCORE))
        return found

    def _places_by_other_names(self, raw: list[str], mentions: list[Mention]) -> list[Mention]:
        """ "What did Britain set up?", where the documents write "the UK": a place's other
        name in the gazetteer ("Britain", "UK", "America", "Holland") stands for the place the
        documents name by another of its names (the compiler files places under the
        gazetteer's canonical name). Only capitalised words: "us" is a pronoun first."""
        owned = {n for m in mentions for n in range(m.start, m.end)}
        found: list[Mention] = []
        firsts = _place_first_words()
        for size in range(min(MAX_PLACE_WORDS, len(raw)), 0, -1):
            for start in range(len(raw) - size + 1):
                span = raw[start : start + size]
                if not span[0][:1].isupper() or span[0].casefold() not in firsts:
                    continue
                if owned.intersection(range(start, start + size)):
                    continue
                canonical = places().get(place_key(" ".join(span)))
                if canonical is None:
                    continue
                ids = self.named(normalize_name(canonical))
                if ids:
                    found.append(Mention(tuple(ids), start, start + size, " ".join(span), 100.0))
                    owned.update(range(start, start + size))
        return found

    def _expanded(self, clipped: list[str]) -> set[str]:
        """The entities with a name of as many words, each starting with the clipped one."""
        norms = {
            norm
            for norm in self.starting_with(clipped[0][0])
            if len(words := norm.split()) == len(clipped)
            and all(_clips(c, w) for w, c in zip(words, clipped, strict=True))
        }
        if not norms:
            return set()
        return {e for hits in self._ids("norm", norms).values() for e, _ in hits}

    def lookup(self, text: str) -> EntityInfo | None:
        """The one entity a command argument ("KIB", "tokaev", "Islamic Jihad Union") names."""
        norm = normalize_name(text)
        if not norm:
            return None
        hits = self._ids("norm", {norm}).get(norm) or self._ids(
            "loose", {key_phrase(norm.split())}
        ).get(key_phrase(norm.split()))
        if not hits:
            if self._all_norms is None:
                self._all_norms = [
                    r[0] for r in self.conn.execute("SELECT DISTINCT norm FROM aliases")
                ]
            # First as a misspelt name in a question is read ("uighurs" for "Uyghurs", one
            # letter off the whole name), then by WRatio, which also meets a name inside a
            # longer argument but scores "uighurs" below "us", a name inside it.
            best: Any = (
                len(norm) >= 4
                and process.extractOne(
                    norm, self._all_norms, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
                )
            ) or process.extractOne(
                norm, self._all_norms, scorer=fuzz.WRatio, score_cutoff=LOOKUP_CUTOFF
            )
            if best:
                hits = self._ids("norm", {best[0]}).get(best[0])
        if hits and hits[0][0] in self.entities:
            return self.entities[hits[0][0]]
        return None

    @staticmethod
    def mentions(info: EntityInfo, fact_entities: Iterable[str], fact_keys: frozenset[str]) -> bool:
        """Whether a fact mentions the entity: tagged with it, or holding every key of a name."""
        if info.id in fact_entities:
            return True
        return any(ks <= fact_keys for ks in info.key_sets)


def _capitalised_run_end(raw: list[str], folded: list[str], owned: set[int], start: int) -> int:
    """Where a run of capitalised words from `start` ends: at a stopword, at a word another
    mention holds, or at a lower-case word."""
    end = start
    while (
        end < len(raw)
        and end not in owned
        and raw[end][:1].isupper()
        and folded[end] not in STOPWORDS
    ):
        end += 1
    return end


def _marks(values: list[str]) -> str:
    """The placeholders of an IN (...) list (index.py has its own: it imports this module)."""
    return ",".join("?" * len(values))
