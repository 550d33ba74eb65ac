"""Per-document extraction: articles, sentences, mentions, local entities, relations, facts.

The result depends only on the document (its text and name), so it is cached by content
hash; joining entities across documents happens afterwards in `merge`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final, NamedTuple

from bot.compiler.cleaning import has_other_space, mask_editorial_markers, strip_markdown
from bot.compiler.dates import document_date, find_date
from bot.compiler.entities import (
    ACRONYM_IN_PARENS,
    CUED_TITLES,
    HYPHEN_WORD,
    HYPHENED,
    LONE_TITLES,
    NAME_IN_PARENS,
    STOPWORDS,
    Mention,
    a_people_or_event,
    acronym_letters,
    entity_key,
    find_mentions,
    initials_of,
    is_acronym,
    long_form_before,
    names_a_thing,
    personal_name_shape,
)
from bot.compiler.gazetteer import (
    COMMON_ACRONYMS,
    COMPANY_SUFFIXES,
    DIRECTION_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    MEMBER_NOUNS,
    NOT_FIELD_WORDS,
    ORG_WORDS,
    PARTY_MEMBERS,
    PLACE_WORDS,
    REGNAL_TITLES,
    ROLE_MODIFIERS,
    ROLE_NOUN_ENDS,
    ROLE_NOUNS,
    ROLE_TIME_WORDS,
    VENUE_WORDS,
    countries,
    demonyms,
    places,
)
from bot.compiler.relations import (
    FORMER_NAME_CUE,
    Found,
    anchor_of,
    build_shape,
    find_former_names,
    find_relations,
    national_branch,
    quotes,
)
from bot.compiler.segment import PARAGRAPH, Article, segment
from bot.compiler.sentences import enclosed_spans, split_sentences
from bot.errors import DocumentError


def _source_fingerprint() -> str:
    """Changes whenever the compiler's code or data does, so stale cache entries are never used."""
    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.py"), *folder.glob("data/*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


COMPILER_VERSION = f"1-{_source_fingerprint()}"
KIND_ORDER: Final = ("place", "organization", "person", "other")
LOWERCASE: Final = re.compile(r"[a-z]")
# the words FORMER_NAME_CUE needs: a sentence without them needs no FORMER_NAME_CUE, whose
# leading \b makes the regex engine try every position
FORMER_NAME_WORDS = ("name", "formerly", "previously", "rebranded", "known as")
FORMER_NAME_ANCHORS = tuple((word, anchor_of(word)) for word in FORMER_NAME_WORDS)
# "\b(?:he|she)\b" led by its letter, so the regex engine skips to each h and s
SHE_OR_HE: Final = re.compile(r"[hs](?<!\w[hs])(?:(?<=h)e|(?<=s)he)\b")
PRONOUN_SUBJECT: Final = re.compile(
    r"^(?:[A-Z][\w’']*(?: [\w’']+){0,5}, )?(?P<pronoun>[Hh]e|[Ss]he)\b(?= [a-z])"
)


# Cached records are named tuples and plain dataclasses: they unpickle several times faster
# than slotted dataclasses, whose __setstate__ runs in Python.
# Their __init__ is written out (init=False): mypyc compiles it, where the generated one runs
# as bytecode.
@dataclass(init=False)
class LocalEntity:
    keys: list[str]  # names that identify it across documents: full names, acronyms
    alias_keys: list[str]  # names that identify it only here: a surname, a first-name pair
    surfaces: dict[str, int]  # every spelling seen, with counts
    votes: dict[str, float]  # kind evidence
    titles: list[str]
    former: list[str] = field(default_factory=list)  # keys of names it no longer goes by

    def __init__(  # noqa: PLR0917 - cached rows are passed positionally
        self,
        keys: list[str],
        alias_keys: list[str],
        surfaces: dict[str, int],
        votes: dict[str, float],
        titles: list[str],
        former: list[str] | None = None,
    ) -> None:
        self.keys = keys
        self.alias_keys = alias_keys
        self.surfaces = surfaces
        self.votes = votes
        self.titles = titles
        self.former = [] if former is None else former


class RelationDraft(NamedTuple):
    type: str
    subject: int  # local entity index
    value: str
    object: int | None


class FactDraft(NamedTuple):
    article: int
    start: int
    end: int
    statement: str
    entities: tuple[int, ...]
    date: str | None
    date_text: str | None
    section: str | None
    relations: tuple[RelationDraft, ...]


class SourceDraft(NamedTuple):
    title: str
    start: int
    end: int
    date: str | None


@dataclass(init=False)
class Extraction:
    path: str
    sha256: str
    sources: list[SourceDraft]
    entities: list[LocalEntity]
    facts: list[FactDraft]
    version: str = COMPILER_VERSION

    def __init__(  # noqa: PLR0917 - as the generated one took them
        self,
        path: str,
        sha256: str,
        sources: list[SourceDraft],
        entities: list[LocalEntity],
        facts: list[FactDraft],
        version: str = COMPILER_VERSION,
    ) -> None:
        self.path = path
        self.sha256 = sha256
        self.sources = sources
        self.entities = entities
        self.facts = facts
        self.version = version


class _Sentence:
    # A plain class: mypyc compiles its __init__, where a dataclass's runs as bytecode
    __slots__ = (
        "article",
        "countries",
        "end",
        "mentions",
        "numbers",
        "quoting",
        "section",
        "start",
        "titled",
    )

    def __init__(
        self,
        article: int,
        start: int,
        end: int,
        section: str | None,
        *,
        mentions: list[Mention],
        countries: list[str],
    ) -> None:
        self.article = article
        self.start = start
        self.end = end
        self.section = section
        self.mentions = mentions
        self.countries = countries  # of demonyms that name nothing
        self.numbers: list[int] = []  # each mention's local entity, once built
        self.titled = False  # a mention has a title before it ("President X"): a role to record
        self.quoting = False  # it holds a quotation mark (set when its fact is made)


class KeyUnion:
    """Union-find over entity keys (within one document here; across documents in merge).
    The smaller key of two roots becomes the root, so groups do not depend on union order."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.merges = 0  # unions that joined two groups: whether groups changed since a count

    def find(self, key: str) -> str:
        parent = self.parent.get(key)
        if parent == key:  # most keys are roots: answered by one lookup
            return key
        root = key
        while (parent := self.parent.setdefault(root, root)) != root:
            root = parent
        while key != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def joined_roots(self) -> set[str]:
        """Roots of the groups with more than one key."""
        return {self.find(key) for key in [k for k, p in self.parent.items() if p != k]}

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)
            self.merges += 1


def extract(path: str, text: str, sha256: str, *, markdown: bool = False) -> Extraction:
    analysis = mask_editorial_markers(text)
    articles = segment(analysis, markdown=markdown)
    if not any(
        b.kind == PARAGRAPH and len(analysis[b.start : b.end].split()) >= 4
        for a in articles
        for b in a.blocks
    ):
        raise DocumentError(path, "has no article text (only navigation, labels or boilerplate)")
    vocabulary = LowercaseWords(analysis)
    sentences = _sentences(analysis, articles, vocabulary)
    keys = KeyUnion()
    aliases_only: set[str] = set()
    lone = _drop_sentence_case_words(sentences)
    _unglue_lowercase_tails(lone, vocabulary)
    long_forms = _link_acronyms(analysis, sentences, keys)
    _spread_long_forms(analysis, sentences, long_forms)
    former = _link_former_names(analysis, sentences, keys)
    census = _Census(sentences, keys)
    votes = census.votes
    kinds = RootKinds(votes)
    merges = keys.merges
    _link_initials(census.names, keys, kinds)
    _link_surnames(
        census.names,
        keys,
        votes,
        kinds,
        aliases_only,
        titled=census.titled,
        mentioned=census.counts,
    )
    _link_short_org_names(census.names, keys, votes, kinds, aliases_only, census.counts, vocabulary)
    if keys.merges != merges:  # else the groups, and so their votes, are as counted
        votes = _recount_votes(sentences, keys, votes)
    _drop_common_words(analysis, sentences, keys, votes, vocabulary, census=census)
    builder = _Builder(keys, votes, aliases_only)
    for sentence in sentences:
        numbers = sentence.numbers
        for mention in sentence.mentions:
            number = builder.add_mention(mention)
            numbers.append(number)
            if mention.title or (
                not sentence.titled and _role_noun_before(analysis, sentence.start, mention.start)
            ):
                sentence.titled = True
            if mention.defined:  # the spelling an acronym is defined with counts double
                builder.table[number].surfaces[mention.surface] += 1
            if mention.key in former and mention.key not in builder.table[number].former:
                builder.table[number].former.append(mention.key)
    sources = [_source(path, text, article) for article in articles]
    facts = _facts(analysis, sentences, builder, markdown=markdown, sources=sources)
    facts = _resolve_role_owners(facts, sentences, builder)
    return Extraction(path, sha256, sources, builder.entities(), facts)


def _source(path: str, text: str, article: Article) -> SourceDraft:
    title = " ".join(article.title.split()).lstrip("\ufeff") if article.title else ""
    if not title:
        title = PurePosixPath(path).stem.replace("_", " ").replace("-", " ").strip() or path
    header = " ".join(line.text for line in article.header)
    return SourceDraft(title, article.start, article.end, document_date(header) if header else None)


class LowercaseWords:
    """Whether a word occurs in lowercase in the document ("However" is a word, "Usmanov" a name).

    Asked a few times per sentence, so answered by a substring search on demand, remembered.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        answer = self.known.get(word)
        if answer is None:
            answer = self.known[word] = self._occurs(word)
        return answer

    def _occurs(self, word: str) -> bool:
        text, size = self.text, len(word)
        at = text.find(word)
        while at != -1:
            before = text[at - 1] if at else " "
            after = text[at + size] if at + size < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                return True
            at = text.find(word, at + 1)
        return False


def _sentences(text: str, articles: list[Article], vocabulary: LowercaseWords) -> list[_Sentence]:
    found: list[_Sentence] = []
    memo: dict[Any, Any] = {}
    # A no-break space inside a name ("Mr.\xa0Smith") joins its words as a space does; the
    # copy keeps every offset, so mentions still point into the text.
    names_text = text.replace("\xa0", " ") if "\xa0" in text else text
    for number, article in enumerate(articles):
        for block in article.blocks:
            if block.kind != PARAGRAPH:
                continue
            enclosed = _enclosed(text, block.start, block.end)
            for start, end in split_sentences(text, block.start, block.end, enclosed):
                countries: list[str] = []
                mentions = find_mentions(
                    names_text, start, end, vocabulary, memo, countries_seen=countries
                )
                if enclosed and mentions:
                    # the paragraph's quotes and brackets that reach into this sentence
                    around = [(s, e) for s, e in enclosed if s < end and e > start]
                    if around:
                        for mention in mentions:
                            mention.quoted = any(
                                s < mention.start and mention.end < e for s, e in around
                            )
                found.append(
                    _Sentence(
                        number, start, end, block.section, mentions=mentions, countries=countries
                    )
                )
    if HYPHENED in memo:
        _extend_given_names(names_text, memo[HYPHENED])
    if CUED_TITLES in memo and LONE_TITLES in memo:
        _add_lone_titles(found, memo[CUED_TITLES], memo[LONE_TITLES])
    return found


def _add_lone_titles(sentences: list[_Sentence], cued: set[str], lone: list[Mention]) -> None:
    """ "Prince has released an album" in a document that also writes "the singer Prince": the
    title alone is the person's name there too."""
    named = [mention for mention in lone if mention.key in cued]
    if not named:
        return
    for sentence in sentences:
        inside = [m for m in named if sentence.start <= m.start < sentence.end]
        if inside:
            sentence.mentions = sorted(sentence.mentions + inside, key=lambda m: m.start)


def _enclosed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return enclosed_spans(text, start, end)


# --- linking names within the document ---------------------------------------------------------


def _link_acronyms(text: str, sentences: list[_Sentence], keys: KeyUnion) -> set[str]:
    """ "Katibat Imam al-Bukhari (KIB)", "KIB (Katibat Imam al-Bukhari)", "X (Other Name)"."""
    long_forms: set[str] = set()
    translations: list[tuple[str, str]] = []  # keys of "Name (Other Name)", outer first
    listed: set[tuple[str, str]] = set()  # those of them listed with others in a sentence
    if "(" not in text:  # both patterns need a bracket (most documents have none)
        return long_forms
    for sentence in sentences:
        if text.find("(", sentence.start, sentence.end) < 0:  # searched in place, not in a copy
            continue
        for match in ACRONYM_IN_PARENS.finditer(text, sentence.start, sentence.end):
            acronym = match.group(1)
            if not is_acronym(acronym):
                continue
            span = long_form_before(text, match.start(), acronym, sentence.start)
            if span is None:
                continue
            long_form = _replace_with_long_form(text, sentence, span)
            if long_form is not None:
                keys.union(long_form.key, entity_key(acronym))
                long_forms.add(long_form.surface)
        found = len(translations)
        for match in NAME_IN_PARENS.finditer(text, sentence.start, sentence.end):
            _link_parenthesized_name(text, sentence, match, keys, translations)
        # "Daniel Craig (Enduring Love), Phil Davis (Vera Drake)": a list of names, each with
        # what it belongs to, not of names in two tongues
        if len(translations) - found > 1:
            listed.update(translations[found:])
    # "Imelda Staunton (Vera Drake)", "Mike Leigh (Vera Drake)": a bracket that follows two
    # names gives what both belong to, not another name of either
    outers: dict[str, set[str]] = defaultdict(set)
    for outer, inner in translations:
        outers[inner].add(outer)
    for outer, inner in translations:
        if len(outers[inner]) == 1 and (outer, inner) not in listed:
            keys.union(outer, inner)
    return long_forms


def _replace_with_long_form(
    text: str, sentence: _Sentence, span: tuple[int, int], *, defining: bool = True
) -> Mention | None:
    start, end = span
    surface = text[start:end]
    if surface.startswith(("the ", "The ")):
        start += 4
        surface = surface[4:]
    inside = [m for m in sentence.mentions if start <= m.start and m.end <= end]
    if len(inside) == 1 and inside[0].start == start and inside[0].end == end:
        inside[0].defined = inside[0].defined or defining
        return inside[0]
    votes: dict[str, float] = {}
    for mention in inside:
        for kind, score in mention.votes.items():
            votes[kind] = votes.get(kind, 0) + score
    votes.pop("person", None)
    long_form = Mention(start, end, surface, entity_key(surface), votes, defined=defining)
    kept = [m for m in sentence.mentions if m.end <= start or m.start >= end]
    sentence.mentions = sorted([*kept, long_form], key=lambda m: m.start)
    return long_form


def _link_parenthesized_name(
    text: str,
    sentence: _Sentence,
    match: re.Match[str],
    keys: KeyUnion,
    translations: list[tuple[str, str]],  # gets the pairs that may be one name in two tongues
) -> None:
    inner = match.group(1).strip()
    before = [m for m in sentence.mentions if m.end <= match.start() and match.start() - m.end <= 1]
    within = [m for m in sentence.mentions if match.start() < m.start and m.end < match.end()]
    if not before or len(within) != 1:
        return
    outer, named = before[-1], within[0]
    if named.surface != inner:
        return
    if is_acronym(outer.surface) and initials_of(inner) == acronym_letters(outer.surface):
        keys.union(outer.key, named.key)
    elif len(outer.surface.split()) >= 2 and len(inner.split()) >= 2 and not is_acronym(inner):
        # "Khorasan Ovozi (Voice of Khorasan)": a translation
        translations.append((outer.key, named.key))


class _Census:
    """One pass over the document's mentions, once names are linked by their own wording: the
    votes of each group (`_votes`), one mention per (key, surface) for the linkers to collect
    into sets without repeats, and how often each key is mentioned."""

    def __init__(self, sentences: list[_Sentence], keys: KeyUnion) -> None:
        votes: dict[str, dict[str, float]] = {}
        buckets: dict[str, dict[str, float]] = {}  # by key: a name recurs, its root found once
        counts: dict[str, int] = {}
        titled: set[str] = set()  # keys of names written after a title that is no monarch's
        first: dict[str, Mention] = {}  # by key
        variants: set[tuple[str, str]] = set()  # (key, surface) of other spellings than the first
        names: list[Mention] = []
        for sentence in sentences:
            for mention in sentence.mentions:
                key = mention.key
                bucket = buckets.get(key)
                if bucket is None:
                    root = keys.find(key)
                    bucket = votes.get(root)
                    if bucket is None:
                        bucket = votes[root] = {}
                    buckets[key] = bucket
                    counts[key] = 1
                    first[key] = mention
                    names.append(mention)
                else:
                    counts[key] += 1
                    surface = mention.surface
                    if surface != first[key].surface and (key, surface) not in variants:
                        variants.add((key, surface))
                        names.append(mention)
                for kind, score in mention.votes.items():
                    bucket[kind] = bucket.get(kind, 0) + score
                if mention.title is not None and mention.title.casefold() not in REGNAL_TITLES:
                    titled.add(key)
        self.votes = votes
        self.titled = titled
        self.names = names  # in the order they first occur
        self.counts = counts


def _recount_votes(
    sentences: list[_Sentence], keys: KeyUnion, counted: dict[str, dict[str, float]]
) -> dict[str, dict[str, float]]:
    """The votes of the groups since joined, from those `counted` before: a group that took in
    no other keeps its votes; a joined one is summed again over its mentions in their order,
    so its sums and the order of its kinds are what counting it from scratch gives."""
    groups: dict[str, list[str]] = {}  # new root -> the old roots it took in
    for old in counted:
        root = keys.find(old)
        olds = groups.get(root)
        if olds is None:
            groups[root] = [old]
        else:
            olds.append(old)
    votes: dict[str, dict[str, float]] = {}
    joined: dict[str, dict[str, float]] = {}
    for root, olds in groups.items():
        if len(olds) == 1:
            votes[root] = counted[olds[0]]
        else:
            votes[root] = joined[root] = {}
    if not joined:
        return votes
    buckets: dict[str, dict[str, float]] = {}  # by key: a name recurs, its root is found once
    untouched: set[str] = set()  # keys of the groups that took in no other
    for sentence in sentences:
        for mention in sentence.mentions:
            key = mention.key
            bucket = buckets.get(key)
            if bucket is None:
                if key in untouched:
                    continue
                found = joined.get(keys.find(key))
                if found is None:
                    untouched.add(key)
                    continue
                bucket = buckets[key] = found
            for kind, score in mention.votes.items():
                bucket[kind] = bucket.get(kind, 0) + score
    return votes


def kind_of(votes: dict[str, float]) -> str | None:
    if len(votes) < 2:  # most names have one kind's votes or none: no order to break a tie by
        for only, only_score in votes.items():
            return only if only_score > 0 and only in KIND_ORDER else None
        return None
    best: str | None = None
    best_score = 0.0
    for kind in KIND_ORDER:  # strictly greater: on a tie the earlier kind wins
        score = votes.get(kind)
        if score is not None and (best is None or score > best_score):
            best, best_score = kind, score
    return best if best_score > 0 else None


class RootKinds:
    """The kind each root's votes give, worked out when asked: the linkers ask about a few
    names of a document, not all."""

    def __init__(self, votes: dict[str, dict[str, float]]) -> None:
        self.votes = votes
        self.known: dict[str, str | None] = {}

    def get(self, root: str) -> str | None:
        known = self.known
        if root in known:
            return known[root]
        counted = self.votes.get(root)
        kind = known[root] = kind_of(counted) if counted is not None else None
        return kind


def _link_initials(names: list[Mention], keys: KeyUnion, kinds: RootKinds) -> None:
    """An acronym never defined here ("ETIM") joins the one long name whose initials spell it.

    `names`: the document's `_Census.names`."""
    # An acronym's second character is never a lowercase letter: most names are ruled out so
    acronyms = {
        mention.surface
        for mention in names
        if not mention.surface[1:2].islower() and is_acronym(mention.surface)
    }
    if not acronyms:
        return
    long_names: dict[str, set[str]] = defaultdict(set)
    for mention in names:
        surface = mention.surface
        if " " not in surface or surface in acronyms:
            continue
        # the kind first: two native lookups, where initials_of's lru_cache is a costly call
        root = keys.find(mention.key)
        if kinds.get(root) == "person":
            continue
        initials = initials_of(surface)
        if len(initials) >= 3 or (
            # "BA" for "British Airways": two letters spell many names, so only an
            # organization's of two capitalized words, with no small word between
            len(initials) == 2 and surface.count(" ") == 1 and kinds.get(root) == "organization"
        ):
            long_names[initials].add(root)
    if not long_names:
        return  # no acronym could be spelled
    joined: set[str] | None = None  # the groups before this pass joins any
    for acronym in sorted(acronyms):
        letters = acronym_letters(acronym)
        candidates = long_names.get(letters)
        if candidates is None or len(candidates) != 1:
            continue
        if len(letters) == 2 and letters != acronym:
            continue  # "EU-25", "CM5": a set or an edition, not the body the letters spell
        key = entity_key(acronym)
        long_name = next(iter(candidates))
        if (
            key in COMMON_ACRONYMS
            or (len(letters) == 2 and key in KNOWN_ORGS and long_name not in KNOWN_ORGS)
            or key in places()
        ):
            # "TV", "IT": a thing, whatever else the letters spell; "EU", "UN": the body known
            # by its letters ("European Union"), not the "Eurasian Union" a document names
            continue
        if joined is None:
            joined = keys.joined_roots()
        if keys.find(key) not in joined:  # else joined to a long form
            keys.union(key, long_name)


def _link_surnames(
    names: list[Mention],  # the document's `_Census.names`
    keys: KeyUnion,
    votes: dict[str, dict[str, float]],
    kinds: RootKinds,  # of the roots votes were counted under
    aliases_only: set[str],
    *,
    titled: set[str],  # the `_Census.titled` keys
    mentioned: dict[str, int],
) -> None:
    """ "Usmanov", "Mr. Tokayev", "Abu Yusuf": the one person whose full name ends or starts so.
    "Mr. Tung" is "Tung Chee Hwa": a surname written first (Chinese, Korean, Hungarian names)
    shows where a title that goes with surnames stands before a full name's first word. Without
    a title, a full name's first word alone ("Wen", "Thaksin", "Lula") is its bearer only if
    that person is titled somewhere ("Premier Wen Jiabao") and never named by the last word
    alone, and the word has no cue of another kind."""
    people: dict[str, set[str]] = {}  # a name's first or last words -> person roots
    leading: dict[str, set[str]] = {}  # a full name's first word -> person roots
    called_by_last: set[str] = set()  # person roots the document names by the last word alone
    for mention in names:
        key = mention.key
        # most names are one word (keys are folded: their only whitespace is " ")
        if " " not in key:
            continue
        root = keys.find(key)
        # the kind first: a native call, where personal_name_shape's lru_cache is a costly one
        if kinds.get(root) == "person" and personal_name_shape(key):
            words = key.split()
            for size in range(1, len(words)):
                _add_person(people, " ".join(words[-size:]), root)
                if size >= 2:
                    _add_person(people, " ".join(words[:size]), root)
            _add_person(leading, words[0], root)
            if words[-1] in mentioned:
                called_by_last.add(root)
    if not people:
        return
    others: set[str] = set()  # names some full name ends or starts with
    place_names = places()
    for mention in names:
        key = mention.key
        if key in others or (key not in people and key not in leading):
            continue
        surface = mention.surface
        if (surface[1:2].islower() or not is_acronym(surface)) and key not in place_names:
            others.add(key)
    titled_roots = {keys.find(key) for key in titled}
    for key in sorted(others):
        root = keys.find(key)
        # a name's last words first; else its first word ("Mr. Tung", "Wen")
        first = key not in people
        candidates = people.get(key) or leading.get(key, set())
        candidates = candidates - {root}
        if len(candidates) != 1:
            continue
        own = votes.get(root, {})
        if own.get("organization", 0) >= 3 or own.get("place", 0) >= 3:
            continue
        if own.get("other", 0) >= 2 and not a_people_or_event(key):
            # "the biopic Kinsey" beside "Alfred Kinsey": the film, not its subject; yet
            # "Catholics" beside "Roman Catholics" tells what the longer name is
            continue
        if first and key not in titled:
            # "Mercedes" beside a "Mercedes Benz" taken for a person has a cue of its own
            if any(own.get(kind, 0) > 0 for kind in ("organization", "place", "other")):
                continue
            person = next(iter(candidates))
            if person not in titled_roots or person in called_by_last:
                continue
        keys.union(key, next(iter(candidates)))
        aliases_only.add(key)


def _link_short_org_names(  # noqa: PLR0917 - the document's tables, as the linkers take them
    names: list[Mention],  # the document's `_Census.names`, in the order they first occur
    keys: KeyUnion,
    votes: dict[str, dict[str, float]],
    kinds: RootKinds,  # of the roots votes were counted under
    aliases_only: set[str],
    mentioned: dict[str, int],
    vocabulary: LowercaseWords,
) -> None:
    """ "Real" after "Real Madrid", "Baikal" after "Baikal Finance Group": a one-word name that
    begins the one organization's longer name written before it is that organization, here.
    A place, a people, an acronym, a body known by the word ("London" beside "London Stock
    Exchange", "BBC" beside "BBC One") or a word also written in lowercase or of a kind
    ("Bank" beside "Bank of England", "World" beside "World Cup") names itself; a word two
    long names begin with ("Real Madrid", "Real Betis") is neither's."""
    firsts: set[str] = set()  # the first words of the long names so far
    shorts: list[str] = []  # one-word keys first written after a longer name they begin
    singles: set[str] = set()
    for mention in names:  # most documents have no such word: this pass alone tells
        key = mention.key
        if " " in key:
            firsts.add(key.partition(" ")[0])
        elif key not in singles:
            singles.add(key)
            if key in firsts and not is_acronym(mention.surface):
                shorts.append(key)
    if not shorts:
        return
    starting: dict[str, dict[str, Mention]] = {}  # a long name's first word -> root -> name
    personal: set[str] = set()  # the words of persons' names ("Gates" of "Melinda Gates")
    long_names: dict[str, set[str]] = {}  # root -> the long names in its group
    for mention in names:
        key = mention.key
        if " " in key:
            root = keys.find(key)
            if kinds.get(root) == "person":
                personal.update(key.split())
            long_names.setdefault(root, set()).add(key)
            starting.setdefault(key.partition(" ")[0], {}).setdefault(root, mention)
    people = {keys.find(key) for key in aliases_only}  # named by a surname: persons
    joined = keys.joined_roots()
    for key in shorts:
        candidates = starting[key]  # with the long names written after the word: all count
        if len(candidates) != 1 or key in personal or _names_itself(key, vocabulary):
            continue
        own = votes.get(key, {})
        if keys.find(key) in joined or own.get("person", 0) >= 1 or own.get("place", 0) >= 1:
            continue  # already joined to another name, or has a cue of its own
        ((root, long_name),) = candidates.items()
        if (
            root not in people
            # two long names joined ("Melinda Gates", "Gates Foundation"): which is the word's?
            and len(long_names[root]) == 1
            and _begins_with_its_own_name(long_name.surface)
            and _rest_says_what_or_where(long_name.key, mentioned)
            and _may_be_organization(long_name.key, root, kinds, mentioned)
        ):
            keys.union(key, root)
            aliases_only.add(key)


def _begins_with_its_own_name(surface: str) -> bool:
    """ "Real Madrid", "Baikal Finance Group": the first word is the name, the rest says what
    it is or where. Not a head noun before "of" ("Kilo of Semtex") nor a maker before a model
    ("Casio QV-10", "Windows XP"), where the short word names another thing."""
    words = surface.split()
    if len(words) < 2 or words[1][:1].islower():  # "Sino-Indian" is one word written
        return False
    return not any(
        any(c.isdigit() for c in word) or (is_acronym(word) and word.casefold() not in ORG_WORDS)
        for word in words[1:]
    )


def _rest_says_what_or_where(long_name: str, mentioned: dict[str, int]) -> bool:
    """The words after the first say the name is a company's ("Altria Group") or where it is
    ("Real Madrid", "Lycos Europe"). Any other rest makes it the first word's product, event or
    service ("Google News", "Kyoto Protocol"), and a place also written alone in the document
    is the place ("post-Qaddafi Libya" beside "in Libya"), not a club's seat."""
    rest = long_name.partition(" ")[2]
    if rest.rsplit(" ", 1)[-1] in COMPANY_SUFFIXES:
        return True
    return rest in places() and rest not in mentioned


def _names_itself(word: str, vocabulary: LowercaseWords) -> bool:
    return (
        word in DIRECTION_WORDS
        or word in KNOWN_ORGS
        or word in places()
        or word in demonyms()
        or names_a_thing(word)
        or word in VENUE_WORDS
        or word in vocabulary
        or a_people_or_event(word)  # a people, a faith or an event
    )


def _may_be_organization(
    long_name: str, root: str, kinds: RootKinds, mentioned: dict[str, int]
) -> bool:
    """Most organizations' names have no cue of their kind ("Real Madrid", "Lycos Europe" have
    a person's shape): a name with none is taken for a person's only if its last word is also
    written alone, as a surname is, and is no place's."""
    kind = kinds.get(root)
    if kind is None:
        last = long_name.rsplit(" ", 1)[-1]
        return last not in mentioned or last in places() or not personal_name_shape(long_name)
    return kind in {"organization", "other"}


def _add_person(people: dict[str, set[str]], words: str, root: str) -> None:
    roots = people.get(words)
    if roots is None:
        people[words] = {root}
    else:
        roots.add(root)


# a syllable a name word may end with after a hyphen, as find_mentions allows one in a run
SYLLABLE_AFTER = re.compile(rf"[-–](?!{HYPHEN_WORD}\b)([a-z]{{2,4}})\b(?![-–])")


def _extend_given_names(text: str, hyphened: list[Mention]) -> None:
    """ "Jong-il said": a run's last word ends before a hyphen and a lowercase syllable (in a
    run, "Kim Jong-il" keeps it, but at a run's start "Low-cost", "In-form" would too). The
    syllable is the word's own where the document writes the word so after another name
    word ("Kim Jong-il").

    `hyphened`: the mentions find_mentions saw a hyphen end."""
    for mention in hyphened:
        syllable = SYLLABLE_AFTER.match(text, mention.end)
        if syllable is None or not mention.initial:
            continue
        word = mention.surface.rsplit(" ", 1)[-1]
        if _written_after_a_name_word(text, f"{re.escape(word)}[-–]{syllable.group(1)}\\b"):
            mention.end = syllable.end()
            mention.surface = text[mention.start : mention.end]
            mention.key = f"{mention.key} {syllable.group(1)}"


def _written_after_a_name_word(text: str, spelled: str) -> bool:
    """Whether the pattern `spelled` (a word, a hyphen, a syllable) follows a capitalized word
    and a space somewhere in text, the word no stopword ("Kim Jong-il", not "The Jong-il"):
    what re.finditer(rf"(?<![\\w’'-])([A-Z][\\w’'-]*) {spelled}") would find, but searched from
    the spelled word, which the regex engine skips to, rather than tried at every position."""
    resume = 0  # where the last match ended: finditer's matches do not overlap
    for found in re.finditer(spelled, text):
        space = found.start() - 1
        if space < 1 or text[space] != " ":
            continue
        start = space  # the word before the space: its run of word characters, ’ ' and -
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_’'-"):
            start -= 1
        if start == space or not "A" <= text[start] <= "Z" or start < resume:
            continue
        if text[start:space].casefold() not in STOPWORDS:
            return True
        resume = found.end()
    return False


def _drop_sentence_case_words(sentences: list[_Sentence]) -> dict[str, Mention | None]:
    """A capitalized word seen only at sentence starts ("Analysts", "Apart") is no name.

    Returns, by key, the mentions kept: a key's only one, or None for a key mentioned more
    often (`_unglue_lowercase_tails` needs them: counted here, where the mentions are walked)."""
    anywhere: set[str] = set()
    opening: list[_Sentence] = []  # with a mention at their start: the only ones to filter
    once: dict[str, Mention | None] = {}
    for sentence in sentences:
        for mention in sentence.mentions:
            if not mention.initial:
                key = mention.key
                if key not in anywhere:
                    anywhere.add(key)
                    if " " in key:  # "Akhunzada’s deputies": a full name's surname
                        anywhere.add(key.rsplit(" ", 1)[1])
                        if mention.title is not None:
                            # "Wen said": a titled person's first word may be their surname
                            # ("Premier Wen Jiabao"), as `_link_surnames` decides
                            anywhere.add(key.split(" ", 1)[0])
                _count_once(once, mention)
            elif not opening or opening[-1] is not sentence:
                opening.append(sentence)
    for sentence in opening:
        kept = [
            m
            for m in sentence.mentions
            if not m.initial
            or m.key in anywhere
            or " " in m.key
            or is_acronym(m.surface)
            or sum(m.votes.values()) >= 1
        ]
        for mention in kept:
            if mention.initial:  # the others were counted above
                _count_once(once, mention)
        sentence.mentions = kept
    return once


def _count_once(once: dict[str, Mention | None], mention: Mention) -> None:
    first = once.setdefault(mention.key, mention)
    if first is not mention and first is not None:
        once[mention.key] = None


def _unglue_lowercase_tails(once: dict[str, Mention | None], vocabulary: LowercaseWords) -> None:
    """ "UN Security Councilstated": a missing space glued a word to a name the document
    uses elsewhere; the name ends where that name does.

    `once`: what `_drop_sentence_case_words` returns (a lone mention is the only suspect)."""
    suspects = [
        m for m in once.values() if m is not None and len(m.key) >= 6 and m.surface[-3:].islower()
    ]
    if not suspects:
        return
    known = set(once)
    for key in once:  # "Abdul Haqlater" and "Abdul Haq al-Turkistani"
        if key.count(" ") > 1:
            words = key.split()
            known.update(" ".join(words[:size]) for size in range(2, len(words)))
    for mention in suspects:
        key = mention.key
        word_at = key.rfind(" ") + 2  # the glued word keeps at least two letters of its own
        for cut in range(word_at, len(key) - 2):
            if key[:cut] not in known:
                continue
            tail = key[cut:]
            if tail.isalpha() and mention.surface.endswith(tail) and tail in vocabulary:
                mention.end -= len(tail)
                mention.surface = mention.surface[: -len(tail)]
                mention.key = key[:cut]
                break


def _drop_common_words(
    text: str,
    sentences: list[_Sentence],
    keys: KeyUnion,
    votes: dict[str, dict[str, float]],
    vocabulary: LowercaseWords,
    *,
    census: _Census,  # taken since the mentions last changed
) -> None:
    """ "Agreement", "Competition", "Northern": one capitalized common word, written in
    lowercase more often than capitalized in the same document, with no cue of a name and no
    longer name it belongs to, is a word in a title or a quoted phrase, not an entity."""
    joined = keys.joined_roots()
    seen: set[str] = set()
    candidates: set[str] = set()
    place_names, demonym_names = places(), demonyms()
    for mention in census.names:
        key = mention.key
        if key in seen:  # decided at its first mention
            continue
        seen.add(key)
        if " " in key or key in place_names or key in demonym_names:
            continue
        root = keys.find(key)
        if root in joined or _has_strong_vote(votes.get(root)):
            continue
        # is_acronym last, past a test it implies (lru_cache makes it a costly call)
        surface = mention.surface
        if (surface[1:2].islower() or not is_acronym(surface)) and key in vocabulary:
            candidates.add(key)
    if not candidates:
        return
    capitalized = census.counts
    common = {key for key in candidates if text.count(key) >= capitalized[key]}
    if common:
        for sentence in sentences:
            sentence.mentions = [m for m in sentence.mentions if m.key not in common]


def _has_strong_vote(bucket: dict[str, float] | None) -> bool:
    """Whether a kind has a vote above 0.5."""
    if bucket is not None:
        for score in bucket.values():
            if score > 0.5:
                return True
    return False


def _link_former_names(text: str, sentences: list[_Sentence], keys: KeyUnion) -> set[str]:
    """ "X [former name of Y]", "Y, formerly known as X": one entity under two names."""
    former: set[str] = set()
    # the cue words' places, found once for the document: a search per sentence costs a call each
    cues = _occurrences(text, FORMER_NAME_ANCHORS)
    if not cues:  # no cue word anywhere (most documents)
        return former
    for sentence in sentences:
        if not _has_span_within(cues, sentence.start, sentence.end):
            continue
        body = text[sentence.start : sentence.end]
        if not FORMER_NAME_CUE.search(body):
            continue
        shape = build_shape(
            body, sentence.start, sentence.mentions, [None] * len(sentence.mentions)
        )
        for found in find_former_names(shape):
            if found.object is not None:
                old = sentence.mentions[found.object].key
                keys.union(sentence.mentions[found.subject].key, old)
                former.add(old)
    return former


def _occurrences(text: str, anchored: tuple[tuple[str, int], ...]) -> list[tuple[int, int]]:
    """The spans of the words in text, sorted; each from the word's anchor character on (given
    with the word, as anchor_of finds it), as the matches of anchored_pattern(words) are, for
    words that never overlap (none ends with what another starts with). A plain substring
    search per word scans faster than that pattern, which stops at every anchor letter ("m" of
    "name")."""
    spans: list[tuple[int, int]] = []
    for word, anchor in anchored:
        at = text.find(word)
        while at >= 0:
            spans.append((at + anchor, at + len(word)))
            at = text.find(word, at + len(word))
    spans.sort()
    return spans


def _has_span_within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted, non-overlapping spans lies in text[start:end]."""
    index = bisect_left(spans, (start, start))
    while index < len(spans):
        span_start, span_end = spans[index]
        if span_start >= end:
            return False
        if span_end <= end:
            return True
        index += 1
    return False


def _spread_long_forms(text: str, sentences: list[_Sentence], long_forms: set[str]) -> None:
    """A long form with small words ("Belt and Road Initiative") is one name wherever it recurs."""
    if not long_forms:
        return
    spaced = [f for f in long_forms if re.search(r" [a-z]", f)]
    if not spaced:
        return
    pattern = re.compile("|".join(re.escape(f) for f in sorted(spaced, key=len, reverse=True)))
    for sentence in sentences:
        for match in pattern.finditer(text, sentence.start, sentence.end):
            _replace_with_long_form(text, sentence, match.span(), defining=False)


# --- local entity table -------------------------------------------------------------------------


class _Builder:
    def __init__(
        self, keys: KeyUnion, votes: dict[str, dict[str, float]], aliases_only: set[str]
    ) -> None:
        self.keys = keys
        self.votes = votes
        self.aliases_only = aliases_only
        self.index: dict[str, int] = {}
        self.table: list[LocalEntity] = []
        self.kinds: dict[int, str | None] = {}
        # A key's entity, once one of its mentions is added: the groups no longer change then
        self.mentioned: dict[str, int] = {}

    def entity_for_key(self, key: str, surface: str | None = None, kind: str | None = None) -> int:
        root = self.keys.find(key)
        number = self.index.get(root)
        if number is None:
            number = self.index[root] = len(self.table)
            counted = self.votes.get(root)
            votes = dict(counted) if counted is not None else {}
            self.table.append(LocalEntity([], [], {}, votes, []))
        entity = self.table[number]
        bucket = entity.alias_keys if key in self.aliases_only else entity.keys
        if key not in bucket:
            bucket.append(key)
        if surface is not None:
            entity.surfaces[surface] = entity.surfaces.get(surface, 0) + 1
        if kind and not entity.votes:
            entity.votes[kind] = 5
        return number

    def add_mention(self, mention: Mention) -> int:
        key, surface = mention.key, mention.surface
        number = self.mentioned.get(key)
        if number is None:
            number = self.mentioned[key] = self.entity_for_key(key, surface)
            entity = self.table[number]
        else:  # its root found and its key listed already: only the spelling counts
            entity = self.table[number]
            entity.surfaces[surface] = entity.surfaces.get(surface, 0) + 1
        title = mention.title
        if title and title not in entity.titles:
            entity.titles.append(title)
        return number

    def kind(self, number: int) -> str | None:
        if number in self.kinds:
            return self.kinds[number]
        kind = self.kinds[number] = kind_of(self.table[number].votes)
        return kind

    def kinds_of(self, numbers: list[int]) -> list[str | None]:
        known = self.kinds
        return [known[n] if n in known else self.kind(n) for n in numbers]

    def role_object(self, mention: Mention) -> int | None:
        if not mention.role_of or not mention.role_of_key:
            return None
        country = demonyms().get(mention.role_of_key)
        if country is not None:  # "Kazakh President": the role belongs to Kazakhstan
            return self.place_entity(country)
        return self.index.get(self.keys.find(mention.role_of_key))

    def place_entity(self, name: str) -> int:
        """The entity of a gazetteer place, made if the document never names it itself."""
        number = self.entity_for_key(entity_key(name), None, "place")
        self.table[number].surfaces.setdefault(name, 0)
        return number

    def vote(self, number: int, kind: str, score: float) -> None:
        self.kinds.pop(number, None)
        votes = self.table[number].votes
        votes[kind] = votes.get(kind, 0) + score

    def entities(self) -> list[LocalEntity]:
        for entity in self.table:
            entity.keys.sort()
            entity.alias_keys.sort()
            entity.titles.sort()
        return self.table


# --- facts --------------------------------------------------------------------------------------

RELATION_VOTES = {
    "leader": ("organization", "person"),
    "member": (None, "organization"),
    "allegiance": (None, "organization"),
    "designation": ("organization", "organization"),
    "area": (None, "place"),
    "role": ("person", None),
    "quote": (None, None),  # organizations and reports are quoted as often as people
}


def _facts(
    analysis: str,
    sentences: list[_Sentence],
    builder: _Builder,
    *,
    markdown: bool,
    sources: list[SourceDraft],
) -> list[FactDraft]:
    facts: list[FactDraft] = []
    previous: _Sentence | None = None
    plain_spacing = spaced_plainly(analysis)
    speech = _Speech()
    for sentence in sentences:
        if previous is not None and previous.article != sentence.article:
            previous = None
            speech.speaker = None
        doc_date = sources[sentence.article].date
        fact = _fact(
            analysis,
            sentence,
            previous,
            builder,
            markdown=markdown,
            doc_date=doc_date,
            plain_spacing=plain_spacing,
        )
        if fact is not None and speech.speaker is not None and not _quotes_anyone(fact):
            fact = speech.carried_quote(fact, analysis, sentence)
        if fact is None or fact.relations or sentence.quoting or speech.inside:
            speech.follow(analysis, sentence, fact)
        else:  # no quotation here, none left open: nobody is speaking on
            speech.speaker = None
            speech.end = sentence.end
        if fact is not None:
            facts.append(fact)
        previous = sentence
    return facts


class _Speech:
    """Who is speaking in a quotation that runs on over the next sentences or paragraphs
    without naming the speaker again (news style: '"...," said X.' then '"More words."')."""

    __slots__ = ("end", "inside", "speaker")

    def __init__(self) -> None:
        self.speaker: int | None = None  # the last quotation's speaker, while it may run on
        self.inside = False  # the last sentence left its quotation open
        self.end = 0  # where the last sentence ended

    def carried_quote(self, fact: FactDraft, analysis: str, sentence: _Sentence) -> FactDraft:
        """The fact with the running quotation's speaker, when the sentence is all quotation."""
        body = analysis[sentence.start : sentence.end]
        inside = self._inside_at(analysis, sentence.start)
        if inside and body[:1] not in OPENING_MARKS and not _closed_later(analysis, sentence.start):
            inside = False  # a mark left open by mistake: the narrative goes on
        words = _running_quotation(body, inside=inside)
        speaker = self.speaker
        # a speaker named in the words is spoken about: narrative has resumed
        if words is None or speaker is None or speaker in sentence.numbers:
            return fact
        quote = tuple.__new__(RelationDraft, ("quote", speaker, one_line(words), None))
        entities = fact.entities if speaker in fact.entities else (*fact.entities, speaker)
        # tuple.__new__ rather than _replace, which runs as bytecode through map and a dict
        return tuple.__new__(FactDraft, (*fact[:4], entities, *fact[5:8], (*fact.relations, quote)))

    def follow(self, analysis: str, sentence: _Sentence, fact: FactDraft | None) -> None:
        """The state after this sentence: its own speaker, or the one it carried on."""
        speaker = None
        if fact is not None and fact.relations:
            for relation in fact.relations:
                if relation.type == "quote":
                    speaker = relation.subject
        self.speaker = speaker
        start, end = sentence.start, sentence.end
        # most sentences hold no quotation mark and follow none left open: nothing to track
        # (searches for one character each, with no slice made, are cheaper than a pattern)
        straight = analysis.count('"', start, end)
        if self.inside or straight or analysis.find("“", start, end) >= 0:
            self.inside = _leaves_open(
                analysis, start, end, straight, self._inside_at(analysis, start)
            )
        elif analysis.find("”", start, end) >= 0:
            self.inside = False
        self.end = end

    def _inside_at(self, analysis: str, start: int) -> bool:
        """An open quotation runs on within its paragraph; a new paragraph continues it only
        by opening with a quotation mark again."""
        return self.inside and analysis.find("\n", self.end, start) < 0


def _quotes_anyone(fact: FactDraft) -> bool:
    return any(r.type == "quote" for r in fact.relations)


OPENING_MARKS = '"“'
CLOSING_MARKS = ('"', "”")


def _running_quotation(body: str, *, inside: bool) -> str | None:
    """The words of a sentence that is nothing but quotation, or None: it opens with a
    quotation mark (or a quotation left open runs into it) and closes only at its end, if at
    all ('"He merits his return."', '"Firstly, ... sites.' continued by 'And secondly, ...')."""
    opens = body[:1] in OPENING_MARKS
    if not opens and not inside:
        return None
    inner = body[1:] if opens else body
    core = inner.rstrip()
    if core.endswith(CLOSING_MARKS):
        core = core[:-1]
    if '"' in core or "“" in core or "”" in core:
        return None  # a quotation closed inside the sentence: narrative follows it
    words = core.strip()
    return words if len(words.split(None, 2)) == 3 else None  # three words or more


def _closed_later(analysis: str, start: int) -> bool:
    """Whether the paragraph's next quotation mark from `start` closes a quotation ("...
    regrets." closes; ' "We signed' opens another, so the first was never closed), or the
    paragraph ends with it open, as news style leaves a quotation the next paragraph resumes."""
    line_end = analysis.find("\n", start)
    if line_end < 0:
        line_end = len(analysis)
    marks = [at for at in (analysis.find(m, start, line_end) for m in '"“”') if at >= 0]
    if not marks:
        return True
    at = min(marks)
    return analysis[at] == "”" or (analysis[at] == '"' and not analysis[at - 1].isspace())


def _leaves_open(analysis: str, start: int, end: int, straight: int, inside: bool) -> bool:
    """Whether a quotation is still open after the sentence analysis[start:end], which holds
    `straight` straight marks: curly ones are read from the last, straight ones counted."""
    last_curly = max(analysis.rfind("“", start, end), analysis.rfind("”", start, end))
    if last_curly >= 0:
        return analysis[last_curly] == "“"
    if analysis.startswith('"', start):  # opens, or opens again a quotation run on from before
        return straight % 2 == 1
    return inside != (straight % 2 == 1)


def _fact(
    analysis: str,
    sentence: _Sentence,
    previous: _Sentence | None,
    builder: _Builder,
    *,
    markdown: bool,
    doc_date: str | None,
    plain_spacing: bool,  # spaced_plainly(analysis)
) -> FactDraft | None:
    body = analysis[sentence.start : sentence.end]
    flat = body if plain_spacing and _single_spaced(body) else one_line(body)
    # most sentences have a lowercase letter second ("The", "He"): no need to search for one
    if not ("a" <= body[1:2] <= "z" or LOWERCASE.search(body)):
        return None
    if not _four_words(flat) and not _short_statement(flat, sentence):
        return None
    numbers = sentence.numbers
    entities = list(numbers)
    relations = _roles(analysis, sentence, numbers, entities, builder) if sentence.titled else []
    pronoun = PRONOUN_SUBJECT.match(body) if _may_open_with_pronoun(body) else None
    quoting = sentence.quoting = "“" in body or "”" in body or '"' in body
    antecedent = None
    if pronoun or (quoting and SHE_OR_HE.search(body)):  # only then does "he" need a referent
        antecedent = _antecedent(previous, builder)
    statement = body
    if pronoun and antecedent is not None:
        name = _display_name(builder.table[antecedent])
        statement = body[: pronoun.start("pronoun")] + name + body[pronoun.end("pronoun") :]
        if antecedent not in entities:
            entities.append(antecedent)
    found: list[Found] = []
    if len(numbers) >= 2 or (quoting and (numbers or antecedent is not None)):
        kinds = builder.kinds_of(numbers)
        shape = build_shape(body, sentence.start, sentence.mentions, kinds)
        shape.hidden = [m.quoted for m in sentence.mentions]
        found = find_relations(shape)
        if quoting:
            found += quotes(shape, -1 if antecedent is not None else None)
    for item in found:
        subject = antecedent if item.subject == -1 else numbers[item.subject]
        if subject is None:
            continue
        obj = numbers[item.object] if item.object is not None else None
        if obj == subject:
            obj = None  # a former name merged into the entity it names
        relations.append(tuple.__new__(RelationDraft, (item.type, subject, item.value, obj)))
        subject_kind, object_kind = RELATION_VOTES.get(item.type, (None, None))
        if subject_kind:
            builder.vote(subject, subject_kind, 1)
        if object_kind and obj is not None:
            builder.vote(obj, object_kind, 1)
        if item.type == "former_name" and obj is not None:
            builder.vote(subject, "organization", 0.1)
        if subject not in entities:
            entities.append(subject)
    for name in sentence.countries:  # "Turkish drones": the fact concerns Turkey
        country = builder.place_entity(name)
        if country not in entities:
            entities.append(country)
    if markdown:
        statement = strip_markdown(statement)
    date = find_date(analysis, sentence.start, sentence.end, doc_date)
    # tuple.__new__: FactDraft(...) would run the named tuple's __new__, written in Python
    return tuple.__new__(
        FactDraft,
        (
            sentence.article,
            sentence.start,
            sentence.end,
            flat if statement is body else one_line(statement),
            tuple(entities) if len(entities) < 2 else tuple(dict.fromkeys(entities)),
            date.date if date else None,
            date.text if date else None,
            sentence.section,
            tuple(dict.fromkeys(relations)) if relations else (),
        ),
    )


def _four_words(flat: str) -> bool:
    """Whether a one-line text has a third space: found sooner than counting them all."""
    at = flat.find(" ")
    if at >= 0:
        at = flat.find(" ", at + 1)
        if at >= 0:
            at = flat.find(" ", at + 1)
    return at >= 0


# Words a short statement's subject opens with: "The police watched.", "He resigned."
DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those"])
DETERMINERS |= frozenset(["his", "her", "their", "its", "our", "my", "your"])
SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "we", "it", "i"])
SENTENCE_CLOSE = '.!?"”’)'
SENTENCE_END = re.compile(r'[.!?]["”’)]?$')
# Last words that leave a short sentence saying nothing: an attribution cut from its quote
# ("He said."), a negation's stub ("I do not."), page furniture ("Sign up.", "Read more.")
EMPTY_LAST_WORDS = frozenset(
    [
        "said",
        "says",
        "added",
        "asked",
        "not",
        "so",
        "too",
        "up",
        "down",
        "out",
        "in",
        "on",
        "off",
        "here",
        "there",
        "now",
        "more",
        "below",
        "above",
        "online",
    ]
)


def _short_statement(flat: str, sentence: _Sentence) -> bool:
    """Whether a sentence of two or three words states something: a subject (a pronoun, a name,
    or a determiner and its noun) and a lowercase verb or object last ("The police watched.",
    "Blair denied it.", "He resigned."). Page furniture has no subject ("Read more.", "Click
    here.") or is a label ("Photo: AP.", "The End.")."""
    words = flat.split(" ")
    if len(words) < 2 or ":" in flat or SENTENCE_END.search(flat) is None:
        return False
    last = words[-1].rstrip(SENTENCE_CLOSE)
    if not (last.isalpha() and last.islower()) or last in EMPTY_LAST_WORDS:
        return False
    first = words[0].lstrip("\"“‘'(").casefold()
    if first in SUBJECT_PRONOUNS:
        return True
    if first in DETERMINERS:
        # a noun and its verb, not a noun phrase ("An interesting list.")
        return (
            len(words) == 3
            and words[1].isalpha()
            and (
                words[1].endswith("ed")
                or last.endswith("ed")
                or (last.endswith("s") and not last.endswith("ss"))
            )
        )
    mentions = sentence.mentions
    # a name opening the sentence, up to the words after it, is its subject
    return (
        bool(mentions)
        and mentions[0].start <= sentence.start + 1
        and " " in flat[mentions[0].end - sentence.start :]
    )


def one_line(text: str) -> str:
    """The words of text joined by single spaces: " ".join(text.split()), without splitting
    text that is so already (most sentences: printable, so no space but " ", and no double)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def spaced_plainly(text: str) -> bool:
    """Whether the only whitespace in text is " " and "\n" (so in most files): a sentence of it
    is then one_line already when `_single_spaced`, told by substring tests rather than
    one_line's isprintable, a test of every character. (Whatever other characters it holds:
    split then parts words at single spaces only, so one_line gives the text back.)"""
    return "\r" not in text and not has_other_space(text, 0, len(text))


def _single_spaced(text: str) -> bool:
    """Whether a text of a `spaced_plainly` one is one_line already."""
    return "\n" not in text and "  " not in text and text[:1] != " " and text[-1:] != " "


SENTENCE_PRONOUNS: Final = ("He", "he", "She", "she")


def _may_open_with_pronoun(body: str) -> bool:
    """Whether PRONOUN_SUBJECT can match: "He ..." or "Speaking in X, she ..." (far cheaper
    than the pattern, which backtracks over the opening words)."""
    return body.startswith(SENTENCE_PRONOUNS) or _pronoun_after_comma(body)


def _pronoun_after_comma(body: str) -> bool:
    """Whether ", he", ", He", ", she" or ", She" occurs in body: substring tests, cheaper than
    a regex call (most of all from the compiled build)."""
    return ", he" in body or ", He" in body or ", she" in body or ", She" in body


def _roles(
    analysis: str,
    sentence: _Sentence,
    numbers: list[int],
    entities: list[int],
    builder: _Builder,
) -> list[RelationDraft]:
    """A title before a name is a role: "Kazakh President Tokayev", "Russia's Foreign Minister"."""
    relations: list[RelationDraft] = []
    for position, (mention, number) in enumerate(zip(sentence.mentions, numbers, strict=True)):
        if not mention.title:
            if _role_noun_before(analysis, sentence.start, mention.start):
                relations.extend(
                    _lowercase_role(
                        analysis, sentence, position, number, entities=entities, builder=builder
                    )
                )
            continue
        if mention.title.casefold() in HONORIFICS:
            continue
        role_object = builder.role_object(mention)
        if role_object is None and position:  # "Russia's Foreign Minister Sergei Lavrov"
            owner = sentence.mentions[position - 1]
            between = analysis[owner.end : mention.start]
            # the owner's "’s" and the title, compared as strings (re.escape and a pattern
            # looked up in re's cache are bytecode calls from the compiled build)
            if between[2:] == f" {mention.title} " and between[:2] in ("’s", "'s"):
                role_object = numbers[position - 1]
        if role_object is not None and role_object not in entities:
            entities.append(role_object)
        relations.append(tuple.__new__(RelationDraft, ("role", number, mention.title, role_object)))
    return relations


def _role_noun_before(analysis: str, sentence_start: int, start: int) -> bool:
    """Whether the word right before a name, or before its comma, is a lower-case role noun
    ("education secretary Ruth Kelly", "the singer, Will Young,"): a slice and a set lookup, for
    every name without a title is asked, after a cheaper look at the three characters before
    the name's space, which rules out almost every name."""
    if analysis[start - 4 : start - 1] not in ROLE_NOUN_ENDS:
        return False
    if start - sentence_start < 3 or analysis[start - 1] != " ":
        return False
    end = start - 2 if analysis[start - 2] == "," else start - 1
    head_start = analysis.rfind(" ", max(sentence_start, end - 16), end) + 1
    return analysis[head_start:end] in ROLE_NOUNS


def _lowercase_role(
    analysis: str,
    sentence: _Sentence,
    position: int,
    number: int,
    *,
    entities: list[int],
    builder: _Builder,
) -> list[RelationDraft]:
    """The role a lower-case title before a person's name states: "new education secretary Ruth
    Kelly" (the title without the word that dates it), "the education secretary, Ruth Kelly,"
    (an apposition, closed by its comma, and no item of a list: "Straw, the foreign secretary,
    Tony Blair ..."), owned by the place or organization named right before it ("Chelsea boss
    Jose Mourinho", "Britain's foreign secretary Jack Straw", "British foreign secretary")."""
    mention = sentence.mentions[position]
    if builder.kind(number) != "person":
        return []
    start = mention.start
    comma = analysis[start - 2] == ","
    if comma and analysis[mention.end : mention.end + 1] != ",":
        return []
    end = start - 2 if comma else start - 1
    words: list[str] = []
    chain_start = end
    while chain_start > sentence.start:
        word_start = max(sentence.start, analysis.rfind(" ", sentence.start, end) + 1)
        folded = analysis[word_start:end].casefold()
        if not (folded in ROLE_MODIFIERS if words else folded in ROLE_NOUNS):
            break
        words.append(analysis[word_start:end])
        chain_start = word_start
        end = word_start - 1
    while words and words[-1].casefold() in ROLE_TIME_WORDS:
        words.pop()
    before = analysis[max(sentence.start, chain_start - 7) : chain_start]
    if not words or (comma and before.endswith((", the ", ", a ", ", his ", ", her "))):
        return []
    title = " ".join(reversed(words))
    owner: int | None  # (declared: mypyc infers a variable's type from its first assignment)
    owner, owner_start = _role_owner(analysis, sentence, position, chain_start, builder)
    if owner is None:  # "Labour campaign spokesman X", "Indian oil minister X"
        owner, owner_start, field = _owner_past_field(
            analysis, sentence, position, chain_start, builder
        )
        if owner is not None:
            title = f"{field} {title}"
    if owner is None and title == "chief":
        return []  # "the chief Shaitan": an adjective, unless whose chief is told ("AK chief")
    if owner is None:
        return [tuple.__new__(RelationDraft, ("role", number, title, None))]
    if owner not in entities:
        entities.append(owner)
    # "former Yukos boss Mikhail Khodorkovsky": the owner's name splits the title
    if title[:7].casefold() != "former " and analysis[:owner_start].endswith(
        ("former ", "Former ")
    ):
        title = f"former {title}"
    role = tuple.__new__(RelationDraft, ("role", number, title, owner))
    if words[0].casefold() not in MEMBER_NOUNS or title[:7].casefold() == "former ":
        return [role]
    # "Arsenal striker X" is one of Arsenal's; "England prop Y" or "Welsh drummer Z" names a
    # country, not a body (and is not counted as one by a member's vote)
    team = sentence.mentions[position - 1] if position else None
    if team is None or sentence.numbers[position - 1] != owner or builder.kind(owner) == "place":
        return [role]
    if analysis[:owner_start].endswith(("ex-", "Ex-")) or not _names_a_body(team.surface):
        return [role]
    return [role, tuple.__new__(RelationDraft, ("member", number, team.surface, owner))]


def _names_a_body(surface: str) -> bool:
    """Not a past ("Former Chelsea", its first word kept by the name) nor a nationality
    ("South African flanker X")."""
    words = surface.casefold().split()
    return words[0] not in ("former", "ex") and words[-1] not in demonyms()


def _role_owner(
    analysis: str, sentence: _Sentence, position: int, chain_start: int, builder: _Builder
) -> tuple[int | None, int]:
    """The place or organization a lower-case title starting at chain_start belongs to, and
    where its name starts: a name right before the title, bare or possessive, or a country's
    demonym ("Scottish actor"; not a direction's: "Country and Western musician")."""
    if position:
        previous = sentence.mentions[position - 1]
        between = analysis[previous.end : chain_start]
        if between in (" ", "’s ", "'s "):
            owner = sentence.numbers[position - 1]
            kind = builder.kind(owner)
            if _may_own(previous, kind) and not national_branch(analysis, previous.start, kind):
                return owner, previous.start
            return None, chain_start
    word_start = max(sentence.start, analysis.rfind(" ", sentence.start, chain_start - 1) + 1)
    country = demonyms().get(analysis[word_start : chain_start - 1].casefold())
    if country is None or country.casefold() in DIRECTION_WORDS:
        return None, chain_start
    if national_branch(analysis, word_start, "place"):  # "Acme's French boss"
        return None, chain_start
    return builder.place_entity(country), word_start


def _may_own(name: Mention, kind: str | None) -> bool:
    """Whether a name right before a title may own it: a place or an organization, or a name
    of no known kind, which that place makes one ("Labour campaign spokesman X", "Everton
    striker Y"), unless it is only a generic word ("Bank", "Union"; a party's is its name:
    "Labour") or a cut one ("Former England": its first word the title's own)."""
    if kind is not None:
        return kind in ("place", "organization")
    surface = name.surface.casefold()
    if (surface in ORG_WORDS and surface not in PARTY_MEMBERS) or surface in PLACE_WORDS:
        return False
    return surface.partition(" ")[0] not in ROLE_MODIFIERS or " " not in surface


# A field may sit between an owner and its office ("Labour campaign spokesman", "Indian oil
# minister"): at most two plain lower-case words, none of them a word that ends a phrase.
FIELD_WORDS_MAX = 2


def _owner_past_field(
    analysis: str, sentence: _Sentence, position: int, chain_start: int, builder: _Builder
) -> tuple[int | None, int, str]:
    """The owner of a lower-case title named right before the one or two words of its field,
    where it starts, and the field's words; the field is told only together with its owner."""
    start = chain_start
    for _ in range(FIELD_WORDS_MAX):
        if start - 2 <= sentence.start or analysis[start - 1] != " ":
            break
        word_start = max(sentence.start, analysis.rfind(" ", sentence.start, start - 1) + 1)
        word = analysis[word_start : start - 1]
        if (
            len(word) < 3
            or not (word.isalpha() and word.islower())
            or word.endswith("ed")
            or word in STOPWORDS
            or word in NOT_FIELD_WORDS
        ):
            break
        start = word_start
        owner, owner_start = _role_owner(analysis, sentence, position, start, builder)
        if owner is not None:
            return owner, owner_start, analysis[start : chain_start - 1]
    return None, chain_start, ""


def _resolve_role_owners(
    facts: list[FactDraft], sentences: list[_Sentence], builder: _Builder
) -> list[FactDraft]:
    """Give "President Mirziyoyev" his country when the document makes it certain.

    Either the same person holds the same title with a known owner elsewhere in the document
    ("Uzbek President Shavkat Mirziyoyev"), or the sentence names exactly one country, before
    the title, and that country is the one the article mentions most ("The people of
    Uzbekistan look to President Shavkat Mirziyoyev").
    """
    if not any(r.type == "role" and r.object is None for f in facts for r in f.relations):
        return facts
    owners: dict[tuple[int, str], set[int]] = defaultdict(set)
    for fact in facts:
        for r in fact.relations:
            if r.type == "role" and r.object is not None:
                owners[(r.subject, r.value.casefold())].add(r.object)
    main_country: dict[int, int] | None = None  # counted only when a sole country asks for it
    by_span = {(s.start, s.end): s for s in sentences}
    resolved: list[FactDraft] = []
    for fact in facts:
        if not any(r.type == "role" and r.object is None for r in fact.relations):
            resolved.append(fact)
            continue
        relations = []
        entities = list(fact.entities)
        for r in fact.relations:
            obj = r.object
            if r.type == "role" and obj is None:
                known = owners.get((r.subject, r.value.casefold()), set())
                if len(known) == 1:
                    obj = next(iter(known))
                elif not known:
                    obj = _sole_country_before(by_span[(fact.start, fact.end)], r, builder)
                    if obj is not None:
                        if main_country is None:
                            main_country = _main_countries(sentences, builder)
                        if obj != main_country.get(fact.article):
                            obj = None
                if obj is not None and obj not in entities:
                    entities.append(obj)
            # tuple.__new__ rather than _replace, which runs as bytecode through map and a dict
            relations.append(tuple.__new__(RelationDraft, (*r[:3], obj)))
        resolved.append(
            tuple.__new__(FactDraft, (*fact[:4], tuple(entities), *fact[5:8], tuple(relations)))
        )
    return resolved


def _main_countries(sentences: list[_Sentence], builder: _Builder) -> dict[int, int]:
    """Per article, the country it mentions most (when one leads)."""
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    country_keys = countries()
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.key in country_keys:
                counts[sentence.article][builder.index[builder.keys.find(mention.key)]] += 1
    leaders: dict[int, int] = {}
    for article, counter in counts.items():
        ranked = counter.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            leaders[article] = ranked[0][0]
    return leaders


def _sole_country_before(sentence: _Sentence, role: RelationDraft, builder: _Builder) -> int | None:
    places_in = [
        m
        for m in sentence.mentions
        if builder.kind(builder.index[builder.keys.find(m.key)]) == "place"
    ]
    if len(places_in) != 1 or places_in[0].key not in countries():
        return None
    holder = next((m for m in sentence.mentions if m.title and m.title == role.value), None)
    if holder is None or places_in[0].end > holder.start:
        return None
    return builder.index[builder.keys.find(places_in[0].key)]


def _antecedent(previous: _Sentence | None, builder: _Builder) -> int | None:
    """The person the previous sentence opens with, outside quotes and not as a possessive."""
    if previous is None:
        return None
    for mention in previous.mentions:
        if mention.quoted:
            continue
        number = builder.index[builder.keys.find(mention.key)]
        if builder.kind(number) != "person":
            continue
        return number if mention.start - previous.start <= 60 and not mention.possessive else None
    return None


def _display_name(entity: LocalEntity) -> str:
    ranked = sorted(
        entity.surfaces.items(), key=lambda item: (-len(item[0].split()), -item[1], item[0])
    )
    return ranked[0][0] if ranked else entity.keys[0]
