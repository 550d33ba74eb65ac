"""Entity names: which entities a piece of text mentions, despite typos and transliterations.

The alias table is loaded once when the engine opens. Exact matches come from a dict of
normalised aliases; fuzzy matching (rapidfuzz) runs only for words the fact base has never
seen, and only against aliases sharing their first letter, so a query stays cheap however
many entities there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.engine.text import STOPWORDS, WORD, fold, key, keys, normalize_name

# "tokaev"/"tokayev" scores 92, "bukhary"/"bukhari" 86; fuzzy matching runs only for words
# the fact base lacks, which keeps near-misses such as "prussia" -> "russia" rare.
FUZZY_CUTOFF = 85.0
MAX_PHRASE = 6


@dataclass(slots=True)
class EntityInfo:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    facts: int
    # Key sets of its names: a fact holding every key of one of them mentions the entity.
    key_sets: list[frozenset[str]] = field(default_factory=list)

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


def _initials(name: str) -> str:
    """ "Islamic Jihad Union" -> "iju"; lower-case particles ("al", "of") are skipped."""
    parts = [w for w in WORD.findall(name) if w[0].isupper()]
    return "".join(p[0] for p in parts).lower() if len(parts) >= 2 else ""


class Names:
    def __init__(self, rows: Iterable[tuple[str, str, str, list[str], int]]) -> None:
        self.entities: dict[str, EntityInfo] = {}
        self.exact: dict[str, list[str]] = defaultdict(list)
        # The same names by word keys: "katibat imam al bukhary" meets "Katibat Imam al-Bukhari".
        self.loose: dict[str, list[str]] = defaultdict(list)
        self.acronyms: set[str] = set()  # aliases written in capitals: "US" must not match "us"
        derived: dict[str, list[str]] = defaultdict(list)
        for entity_id, name, kind, aliases, facts in rows:
            info = EntityInfo(entity_id, name, kind, tuple(aliases), facts)
            self.entities[entity_id] = info
            for alias in (name, *aliases):
                norm = normalize_name(alias)
                if not norm:
                    continue
                if entity_id not in self.exact[norm]:
                    self.exact[norm].append(entity_id)
                loose = _key_phrase(norm.split())
                if len(loose) >= 4 and entity_id not in self.loose[loose]:
                    self.loose[loose].append(entity_id)
                if alias.isupper() and len(norm) <= 6:
                    self.acronyms.add(norm)
                alias_keys = frozenset(keys(alias))
                if alias_keys and len(info.key_sets) < 8 and alias_keys not in info.key_sets:
                    info.key_sets.append(alias_keys)
            for extra in self._derived_aliases(info):
                derived[extra].append(entity_id)
        # Derived names (initials, surnames) only where no real alias claims the string.
        for norm, ids in derived.items():
            if norm not in self.exact and len(ids) == 1:
                self.exact[norm] = ids
                if " " not in norm and len(norm) <= 6 and norm == _initials_of(ids[0], self):
                    self.acronyms.add(norm)
        for ids in self.exact.values():
            ids.sort(key=lambda i: -self.entities[i].facts)
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for norm in self.exact:
            self._by_initial[norm[0]].append(norm)

    @staticmethod
    def _derived_aliases(info: EntityInfo) -> list[str]:
        out = []
        initials = _initials(info.name)
        has_acronym = any(a.isupper() for a in info.aliases)
        if initials and not has_acronym and info.kind != "person":
            out.append(initials)
        if info.kind == "person":
            parts = normalize_name(info.name).split()
            if len(parts) >= 2 and len(parts[-1]) >= 4:
                out.append(parts[-1])
        return out

    def find(self, text: str, known: Callable[[str], bool] | None = None) -> list[Mention]:
        """Entities mentioned in `text`, longest names first, each word used once.

        `known(word)` says whether the fact base has the word; unknown words are the ones
        worth a fuzzy look ("tokaev", "unoin").
        """
        raw = WORD.findall(text)
        folded = [fold(w) for w in raw]
        lowercase_query = text == text.lower()
        used = [False] * len(raw)
        mentions: list[Mention] = []
        for size in range(min(MAX_PHRASE, len(raw)), 0, -1):
            for i in range(len(raw) - size + 1):
                if any(used[i : i + size]):
                    continue
                phrase = " ".join(folded[i : i + size])
                ids = self.exact.get(phrase)
                if ids and not self._plausible(phrase, raw[i : i + size], lowercase_query):
                    continue
                if not ids and size > 1 and not ({folded[i], folded[i + size - 1]} & STOPWORDS):
                    ids = self.loose.get(_key_phrase(folded[i : i + size]))
                if not ids:
                    continue
                used[i : i + size] = [True] * size
                mentions.append(
                    Mention(tuple(ids), i, i + size, " ".join(raw[i : i + size]), 100.0)
                )
        if known is not None:
            mentions += self._fuzzy(raw, folded, used, known)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _plausible(self, phrase: str, raw: list[str], lowercase_query: bool) -> bool:
        if len(raw) == 1 and phrase in STOPWORDS and not (raw[0].isupper() and len(raw[0]) > 1):
            return False  # "us", "it", "who" are words before they are names
        if phrase in self.acronyms and not lowercase_query:
            return all(w.isupper() or w.isdigit() for w in raw)
        return True

    def _fuzzy(
        self, raw: list[str], folded: list[str], used: list[bool], known: Callable[[str], bool]
    ) -> list[Mention]:
        found: list[Mention] = []
        for i, word in enumerate(folded):
            if used[i] or word in STOPWORDS or len(word) < 4 or known(word):
                continue
            best: tuple[float, int, int, str] | None = None
            for start in range(max(0, i - 3), i + 1):
                for end in range(i + 1, min(len(raw), start + 4) + 1):
                    if any(used[start:end]) or folded[start] in STOPWORDS:
                        continue
                    phrase = " ".join(folded[start:end])
                    hit = process.extractOne(
                        phrase,
                        self._by_initial.get(phrase[0], ()),
                        scorer=fuzz.ratio,
                        score_cutoff=FUZZY_CUTOFF,
                    )
                    if hit and (
                        best is None or (hit[1], end - start) > (best[0], best[2] - best[1])
                    ):
                        best = (hit[1], start, end, hit[0])
            if best is not None:
                score, start, end, norm = best
                used[start:end] = [True] * (end - start)
                found.append(
                    Mention(tuple(self.exact[norm]), start, end, " ".join(raw[start:end]), score)
                )
        return found

    def lookup(self, text: str) -> EntityInfo | None:
        """The one entity a command argument ("KIB", "tokaev", "Islamic Jihad Union") names."""
        norm = normalize_name(text)
        if not norm:
            return None
        ids = self.exact.get(norm)
        if ids:
            return self.entities[ids[0]]
        hit = process.extractOne(norm, self.exact.keys(), scorer=fuzz.WRatio, score_cutoff=88)
        if hit:
            return self.entities[self.exact[hit[0]][0]]
        return None

    def mentions(
        self, info: EntityInfo, fact_entities: Iterable[str], fact_keys: frozenset[str]
    ) -> bool:
        """Whether a fact mentions the entity: tagged with it, or holding every key of a name."""
        if info.id in fact_entities:
            return True
        return any(ks <= fact_keys for ks in info.key_sets)


def _key_phrase(tokens: list[str]) -> str:
    return " ".join(key(t) for t in tokens if t not in STOPWORDS)


def _initials_of(entity_id: str, names: Names) -> str:
    return _initials(names.entities[entity_id].name)
