"""Joining per-document extractions into one fact base: entities across documents, stable ids.

Entities join on names that identify them anywhere (full names, acronyms with their long
forms, places through the gazetteer). Surnames join only where one full name ends in them.
Spelling variants join by fuzzy similarity only with corroborating evidence (same kind and
shared title, or a one-word difference in an otherwise equal name).
"""

from __future__ import annotations

import hashlib
import marshal
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz import fuzz, process

from bot.compiler.curated import Curated
from bot.compiler.entities import entity_key, is_acronym, personal_name_shape
from bot.compiler.extract import KIND_ORDER, Extraction, KeyUnion, LocalEntity, kind_of
from bot.compiler.gazetteer import ORG_WORDS, OTHER_WORDS, PLACE_WORDS, VENUE_WORDS, places
from bot.factbase import Entity, Fact, FactBase, FactRow, RelationRow, Source, fact_from_row

SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")
KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
MAX_SLUG = 60


def slug(text: str, limit: int = MAX_SLUG) -> str:
    ascii_text = (
        text
        if text.isascii()
        else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    )
    value = SLUG_UNSAFE.sub("-", ascii_text.casefold()).strip("-")
    if len(value) > limit:
        value = value[:limit].rsplit("-", 1)[0] or value[:limit]
    return value or "x"


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@dataclass(slots=True)
class Cluster:
    keys: set[str] = field(default_factory=set)
    alias_keys: set[str] = field(default_factory=set)
    surfaces: dict[str, int] = field(default_factory=dict)  # spelling -> mentions
    votes: dict[str, float] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)
    former: set[str] = field(default_factory=set)
    kind_override: str | None = None
    name_override: str | None = None
    dropped: bool = False
    settled_kind: str | None = None  # computed once; cleared when clusters merge
    settled_name: str | None = None

    @property
    def kind(self) -> str:
        if self.kind_override:
            return self.kind_override
        if self.settled_kind is None:
            kind = kind_of(self.votes)
            if not kind:
                kind = "organization" if any(is_acronym(s) for s in self.surfaces) else "other"
            self.settled_kind = kind
        return self.settled_kind

    def unsettle(self) -> None:
        self.settled_kind = self.settled_name = None


def merge(
    extractions: list[Extraction], texts: dict[str, str], curated: Curated | None = None
) -> tuple[FactBase, list[str]]:
    entities, local_ids, warnings = merge_entities(extractions, curated)
    ids_by_path = {x.path: ids for x, ids in zip(extractions, local_ids, strict=True)}
    ordered = sorted(extractions, key=lambda x: x.path)
    sources: list[Source] = []
    facts: list[Fact] = []
    for extraction, article_ids in zip(ordered, source_ids(ordered), strict=True):
        sources += document_sources(extraction, article_ids)
        facts += document_facts(
            extraction, texts[extraction.path], ids_by_path[extraction.path], article_ids
        )
    return FactBase(sources=sources, entities=entities, facts=facts), warnings


LocalIds = list[str | None]  # a document's local entity numbers -> fact base entity ids
Anchors = list[str]  # a document's local entities' first keys, in order
EXACT_VOTES = 64  # votes that are multiples of 1/64 sum to the same float in any order


def anchors(entities: Iterable[LocalEntity]) -> Anchors:
    return [(e.keys or e.alias_keys)[0] for e in entities]


@dataclass(slots=True)
class Grouping:
    """The merge's first stage: entities joined on the names that identify them anywhere,
    before surnames, spelling variants and curated corrections (which depend on the whole
    corpus: a second "Smith" makes a lone "Smith" ambiguous). It is a sum over documents,
    independent of their order: union roots are the smallest key, keys and titles are sets,
    surface counts and votes are sums (exact while `exact`). So the grouping of a corpus plus
    one document is the corpus's grouping, kept from the last compile, with the document
    added: adding a document to a large corpus need not group the whole corpus again."""

    union: KeyUnion = field(default_factory=KeyUnion)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    exact: bool = True  # every vote a multiple of 1/EXACT_VOTES

    def add(self, extractions: list[Extraction]) -> None:
        union = self.union
        joined: set[str] = set()
        for extraction in extractions:
            for entity in extraction.entities:
                # surnames are not joined here: "Smith" would chain every Smith together
                keys = entity.keys or entity.alias_keys[:1]
                _join(union, keys)
                joined.update(keys)
        for key in joined:
            canonical = places().get(key)
            if canonical is not None:
                union.union(key, entity_key(canonical))
        self._rejoin()
        for extraction in extractions:
            for entity in extraction.entities:
                self._count(entity)

    def _rejoin(self) -> None:
        """Clusters of roots that the new documents' names joined to others become one."""
        clusters, union = self.clusters, self.union
        for root in [r for r in clusters if union.find(r) != r]:
            cluster = clusters.pop(root)
            target = clusters.get(union.find(root))
            if target is None:
                clusters[union.find(root)] = cluster
            else:
                _absorb(target, cluster)

    def _count(self, entity: LocalEntity) -> None:
        root = self.union.find((entity.keys or entity.alias_keys)[0])
        cluster = self.clusters.get(root)
        if self.exact:
            for score in entity.votes.values():
                if (score * EXACT_VOTES) % 1:
                    self.exact = False
        if cluster is None:  # most clusters: one entity, whose counts are copied as they are
            self.clusters[root] = Cluster(
                set(entity.keys),
                set(entity.alias_keys),
                dict(entity.surfaces),
                dict(entity.votes),
                {t.casefold() for t in entity.titles},
                set(entity.former),
            )
            return
        cluster.keys.update(entity.keys)
        surfaces, votes = cluster.surfaces, cluster.votes
        for surface, count in entity.surfaces.items():
            surfaces[surface] = surfaces.get(surface, 0) + count
        for kind, score in entity.votes.items():
            votes[kind] = votes.get(kind, 0) + score
        if entity.alias_keys:
            cluster.alias_keys.update(entity.alias_keys)
        if entity.titles:
            cluster.titles.update(t.casefold() for t in entity.titles)
        if entity.former:
            cluster.former.update(entity.former)

    def encode(self) -> bytes:
        """For the snapshot (marshal: plain data, no code runs on load)."""
        rows = [
            (root, c.keys, c.alias_keys, c.surfaces, c.votes, c.titles, c.former)
            for root, c in self.clusters.items()
        ]
        return marshal.dumps((self.union.parent, rows))

    @staticmethod
    def decode(data: bytes | memoryview) -> Grouping:
        parent, rows = marshal.loads(data)
        grouping = Grouping()
        grouping.union.parent = parent
        grouping.clusters = {
            root: Cluster(keys, alias_keys, surfaces, votes, titles, former)
            for root, keys, alias_keys, surfaces, votes, titles, former in rows
        }
        return grouping


def merge_entities(
    extractions: list[Extraction], curated: Curated | None = None
) -> tuple[list[Entity], list[LocalIds], list[str]]:
    """The corpus's entities (sorted by id) and, per extraction, its local entities' ids."""
    grouping = Grouping()
    grouping.add(extractions)
    return merge_grouped(grouping, [anchors(x.entities) for x in extractions], curated)


def merge_grouped(
    grouping: Grouping, documents: list[Anchors], curated: Curated | None = None
) -> tuple[list[Entity], list[LocalIds], list[str]]:
    """merge_entities from the grouping of the documents' entities (used up: its clusters
    are joined further) and each document's anchors."""
    warnings: list[str] = []
    union, clusters = grouping.union, grouping.clusters
    _resolve_surnames(union, clusters)
    _merge_variants(union, clusters)
    clusters = _regroup(union, clusters)
    if curated is not None and curated.corrects_anything():
        warnings += curated.apply(union, clusters)
        clusters = _regroup(union, clusters)
    ids = _entity_ids(clusters)
    entities = [
        _entity(ids[root], cluster) for root, cluster in clusters.items() if not cluster.dropped
    ]
    entities.sort(key=lambda e: e.id)
    return entities, _local_ids(union, ids, documents), warnings


def _local_ids(union: KeyUnion, ids: dict[str, str], documents: list[Anchors]) -> list[LocalIds]:
    # most anchors recur across documents: each is looked up once
    by_anchor = {key: ids.get(union.find(key)) for key in set().union(*documents)}
    return [[by_anchor[key] for key in keys] for keys in documents]


def _join(union: KeyUnion, keys: Iterable[str]) -> None:
    first: str | None = None
    for key in keys:
        if first is None:
            first = key
            union.find(key)
        else:
            union.union(first, key)


def _absorb(target: Cluster, cluster: Cluster) -> None:
    target.unsettle()
    target.keys |= cluster.keys
    target.alias_keys |= cluster.alias_keys
    surfaces = target.surfaces
    for surface, count in cluster.surfaces.items():
        surfaces[surface] = surfaces.get(surface, 0) + count
    for kind, score in cluster.votes.items():
        target.votes[kind] = target.votes.get(kind, 0) + score
    target.titles |= cluster.titles
    target.former |= cluster.former


def _regroup(union: KeyUnion, clusters: dict[str, Cluster]) -> dict[str, Cluster]:
    regrouped: dict[str, Cluster] = {}
    for root in sorted(clusters):
        cluster = clusters[root]
        target = regrouped.get(union.find(root))
        if target is None:
            regrouped[union.find(root)] = cluster
            continue
        _absorb(target, cluster)
        target.kind_override = target.kind_override or cluster.kind_override
        target.name_override = target.name_override or cluster.name_override
        target.dropped = target.dropped or cluster.dropped
    return regrouped


def _resolve_surnames(union: KeyUnion, clusters: dict[str, Cluster]) -> None:
    """A lone "Tokayev" in one document joins the one "Kassym-Jomart Tokayev" of the corpus."""
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    for root, cluster in clusters.items():
        if cluster.kind != "person":
            continue
        if not _clearly_a_person(cluster) and not _middle_initial(cluster.keys):
            continue
        for key in cluster.keys:
            if personal_name_shape(key):
                words = key.split()
                by_last[words[-1]].add(root)
                by_first[words[0]].add(root)
    # a name with no full name ending in it has no candidate: skip it before the other tests
    lone = [r for r, c in clusters.items() if len(c.keys) == 1 and next(iter(c.keys)) in by_last]
    for root in sorted(lone):
        cluster = clusters[root]
        if cluster.kind not in ("person", "other"):
            continue
        if cluster.votes.get("organization", 0) >= 1 or cluster.votes.get("place", 0) >= 1:
            continue
        key = next(iter(cluster.keys))
        if " " in key or any(is_acronym(s) for s in cluster.surfaces) or key in places():
            continue
        candidates = {union.find(c) for c in by_last.get(key, ())} - {union.find(root)}
        # "Jason" alone, with one "David Jason" and "Jason Robinson", "Jason Leonard": a given
        # name of several, whose bearer the corpus cannot tell (one "Kerry McFadden" beside
        # "John Kerry" leaves a lone "Kerry" his)
        if len(candidates) == 1 and len(by_first.get(key, set()) - by_last[key]) < 2:
            union.union(root, next(iter(candidates)))


def _clearly_a_person(cluster: Cluster) -> bool:
    """A title, "X, who", "columnist X": more than a capitalized pair that might be anything."""
    return bool(cluster.titles) or cluster.votes.get("person", 0) >= 2


MIDDLE_INITIAL: Final = re.compile(r"[^ ]{2,} [^ ] [^ ]{2,}")


def _middle_initial(keys: set[str]) -> bool:
    """ "George W. Bush", "John F. Kennedy": a middle initial, which only people's names have,
    is as clear a cue as a title."""
    return any(MIDDLE_INITIAL.fullmatch(key) for key in keys)


def _merge_variants(union: KeyUnion, clusters: dict[str, Cluster]) -> None:
    _merge_surname_variants(union, clusters)
    _merge_place_variants(union, clusters)
    _merge_one_word_variants(union, clusters)


def _merge_surname_variants(union: KeyUnion, clusters: dict[str, Cluster]) -> None:
    """ "ex-Foreign Minister Komilov" and "Foreign Minister Abdulaziz Kamilov": one person."""
    people = [(root, c) for root, c in sorted(clusters.items()) if c.kind == "person" and c.titles]
    # who could match, by (title, initial of the last name): comparing every titled person
    # with every other is quadratic in a large corpus
    by_title_initial: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for root, cluster in people:
        for key in cluster.keys:
            last = key.split()[-1]
            for title in cluster.titles:
                by_title_initial[title, last[0]].append((root, last))
    for root, cluster in people:
        if len(cluster.keys) != 1 or " " in next(iter(cluster.keys)):
            continue
        surname = next(iter(cluster.keys))
        matches = set()
        for title in cluster.titles:
            for other_root, last in by_title_initial.get((title, surname[0]), ()):
                if other_root != root and last != surname and fuzz.ratio(last, surname) >= 85:
                    matches.add(union.find(other_root))
        if len(matches) == 1:
            union.union(root, next(iter(matches)))


def _merge_place_variants(union: KeyUnion, clusters: dict[str, Cluster]) -> None:
    """A one-off misspelling of a known place ("Takijistan") joins the place: when the place
    most like it is an anagram of it with its first letter. (In any order: each decision
    looks at one cluster, and unions do not depend on their order.)"""
    names = sorted(places())
    anagrams = {_anagram(name) for name in names}
    for root, cluster in clusters.items():
        if len(cluster.keys) != 1 or cluster.votes.get("place", 0) <= 0:
            continue
        if cluster.votes.get("person", 0) > 0 or cluster.votes.get("organization", 0) > 0.5:
            continue
        key = next(iter(cluster.keys))
        if key in places() or " " in key or len(key) < 6:
            continue
        if _anagram(key) not in anagrams:  # no place qualifies: spare the fuzzy search
            continue
        best = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=80)
        if best is not None and _anagram(best[0]) == _anagram(key):
            union.union(root, entity_key(places()[best[0]]))


def _anagram(word: str) -> str:
    """The same for words of the same letters that begin with the same one."""
    return word[:1] + "".join(sorted(word))


def _merge_one_word_variants(union: KeyUnion, clusters: dict[str, Cluster]) -> None:
    """ "Turkestan Islamic Party" / "Turkistan Islamic Party": equal but for one similar word.
    (In any order: every pair in a bucket is compared, and unions do not depend on their order.)"""
    buckets: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for root, cluster in clusters.items():
        if cluster.kind not in ("organization", "place"):
            continue
        for key in cluster.keys:
            words = key.split()
            if len(words) < 2:
                continue
            for i, word in enumerate(words):
                if len(word) >= 6:
                    signature = (cluster.kind, *words[:i], "*", *words[i + 1 :])
                    buckets[signature].append((word, root))
    for entries in buckets.values():
        for i, (word_a, root_a) in enumerate(entries):
            for word_b, root_b in entries[i + 1 :]:
                if word_a != word_b and word_a[0] == word_b[0] and fuzz.ratio(word_a, word_b) >= 85:
                    union.union(root_a, root_b)


def _canonical(cluster: Cluster) -> str:
    if cluster.name_override:
        return cluster.name_override
    if cluster.settled_name is None:
        cluster.settled_name = _choose_name(cluster)
    return cluster.settled_name


def _choose_name(cluster: Cluster) -> str:
    if cluster.kind == "place":
        for key in sorted(cluster.keys):
            if key in places():
                return places()[key]
    if len(cluster.surfaces) == 1:  # most entities: one spelling, the only candidate below
        return next(iter(cluster.surfaces))
    # a person's surname alone is never the canonical name, nor is a body's generic word alone
    # ("the Commission" for the European Commission); neither is anything's former name. Any
    # other short form may be the name itself, the long one a misreading ("Almighty Allah")
    short_forms = cluster.alias_keys - cluster.keys
    if cluster.kind != "person":
        short_forms = {key for key in short_forms if _generic_word(key)}
    alias_only = cluster.former | short_forms
    candidates = [
        (s, n) for s, n in cluster.surfaces.items() if entity_key(s) not in alias_only
    ] or list(cluster.surfaces.items())
    if not candidates:
        return sorted(cluster.keys | cluster.alias_keys)[0]
    full = [(s, n) for s, n in candidates if not is_acronym(s)] or candidates
    if cluster.kind == "person":
        ranked = sorted(full, key=lambda sn: (-len(sn[0].split()), -sn[1], sn[0]))
    else:
        ranked = sorted(full, key=lambda sn: (-sn[1], -len(sn[0]), sn[0]))
    return ranked[0][0]


def _generic_word(key: str) -> bool:
    return key in ORG_WORDS or key in PLACE_WORDS or key in VENUE_WORDS or key in OTHER_WORDS


def _entity_ids(clusters: dict[str, Cluster]) -> dict[str, str]:
    ids: dict[str, str] = {}
    taken: set[str] = set()
    ranked = [
        (slug(_canonical(cluster)), KIND_RANK[cluster.kind], root, cluster)
        for root, cluster in clusters.items()
        if not cluster.dropped
    ]
    ranked.sort()  # roots are unique: clusters themselves are never compared
    for base, _kind, root, cluster in ranked:
        candidate = base
        if candidate in taken:
            candidate = f"{base}-{cluster.kind}"
        number = 2
        while candidate in taken:
            candidate = f"{base}-{number}"
            number += 1
        taken.add(candidate)
        ids[root] = candidate
    return ids


def _entity(entity_id: str, cluster: Cluster) -> Entity:
    name = _canonical(cluster)
    if len(cluster.surfaces) == 1 and name in cluster.surfaces:  # most entities: one spelling
        return Entity(entity_id, name, cluster.kind, ())
    seen = {name.casefold()}
    aliases: list[str] = []
    for surface in sorted(cluster.surfaces, key=lambda s: (-cluster.surfaces[s], s)):
        folded = surface.casefold()
        if folded not in seen:
            seen.add(folded)
            aliases.append(surface)
    return Entity(id=entity_id, name=name, kind=cluster.kind, aliases=tuple(sorted(aliases)))


def source_ids(ordered: list[Extraction]) -> list[list[str]]:
    """Per extraction (in path order), its articles' source ids: a repeated title gets a suffix."""
    taken: set[str] = set()
    result: list[list[str]] = []
    for extraction in ordered:
        article_ids: list[str] = []
        for number, source in enumerate(extraction.sources):
            source_id = slug(source.title)
            if source_id in taken:
                source_id = (
                    f"{slug(source.title, 50)}-{short_hash(f'{extraction.path}#{number}', 6)}"
                )
            taken.add(source_id)
            article_ids.append(source_id)
        result.append(article_ids)
    return result


def document_sources(extraction: Extraction, article_ids: list[str]) -> list[Source]:
    return [
        Source(source_id, extraction.path, s.title, s.start, s.end, s.date, extraction.sha256)
        for source_id, s in zip(article_ids, extraction.sources, strict=True)
    ]


def document_facts(
    extraction: Extraction, text: str, local_ids: LocalIds, article_ids: list[str]
) -> list[Fact]:
    return [
        fact_from_row(row) for row in document_fact_rows(extraction, text, local_ids, article_ids)
    ]


def document_fact_rows(
    extraction: Extraction, text: str, local_ids: LocalIds, article_ids: list[str]
) -> list[FactRow]:
    """One document's facts, as rows. Their ids never collide with another document's: each
    begins with the article's source id, unique in the base, and ends in a hash or a repeat
    number. A statement that is its excerpt is the excerpt's string itself: marshal stores
    it once."""
    rows: list[FactRow] = []
    fact_ids: set[str] = set()
    repeats: dict[str, int] = {}
    for draft in extraction.facts:
        excerpt = text[draft.start : draft.end]
        source_id = article_ids[draft.article]
        base_id = fact_id = f"{source_id}-{short_hash(excerpt)}"
        if fact_id in fact_ids:  # the same sentence again in one article
            number = repeats.get(base_id, 1) + 1
            while (fact_id := f"{base_id}-{number}") in fact_ids:
                number += 1
            repeats[base_id] = number
        fact_ids.add(fact_id)
        entity_ids = _fact_entity_ids(draft.entities, local_ids)
        relations: tuple[RelationRow, ...] = ()
        if draft.relations:
            resolved = [
                (r.type, subject, r.value, local_ids[r.object] if r.object is not None else None)
                for r in draft.relations
                if (subject := local_ids[r.subject]) is not None
            ]
            relations = tuple(dict.fromkeys(resolved))
        statement = draft.statement
        rows.append(
            (
                fact_id,
                source_id,
                draft.start,
                draft.end,
                excerpt,
                excerpt if statement == excerpt else statement,
                entity_ids,
                draft.date,
                draft.date_text,
                draft.section,
                "sentence",
                relations,
            )
        )
    return rows


def _fact_entity_ids(local: tuple[int, ...], local_ids: LocalIds) -> tuple[str, ...]:
    """The fact base ids of a fact's local entities, once each, in order (entities the merge
    dropped have none)."""
    ids: list[str] = []
    for n in local:  # a few each: a list is searched faster than a dict is made
        entity_id = local_ids[n]
        if entity_id and entity_id not in ids:
            ids.append(entity_id)
    return tuple(ids)
