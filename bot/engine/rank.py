"""Ranking facts for a question, and deciding whether any of them answers it.

Candidates come from three bounded sources: FTS5 over word keys, the facts tagged with the
entities the question names, and the facts whose relations involve those entities. Each is
scored on what it shares with the question; a fact is offered as the answer only when it
holds the entities asked about, covers enough of the question's other content words, and
holds the kind of thing asked for (a person for "who", a date for "when", ...).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from bot.compiler.gazetteer import demonyms, places
from bot.engine.index import FactRow, Index
from bot.engine.names import EntityInfo, Mention, Names
from bot.engine.query import (
    ANY_ROLE_CUES,
    COPULAS,
    DEFINITION_RELATIONS,
    PLACE_NOUNS,
    RELATION_CUES,
    SHARE_NOUNS,
    Query,
)
from bot.engine.text import (
    MEASURE_PATTERNS,
    MONTH_NAMES,
    NUMBER_WORDS,
    QUESTION_WORDS,
    STOPWORDS,
    TEMPORAL,
    WORD,
    fold,
    holds_measure,
    key,
    keys,
    normalize_name,
    starts_with_pronoun,
    synonyms,
    word_set,
    words,
)

FTS_CANDIDATES = 50
ENTITY_CANDIDATES = 100
RELATION_CANDIDATES = 60
MIN_COVERAGE = 0.4  # share of the question's content (IDF-weighted) a fact must hold
UNKNOWN_WORD_WEIGHT = 0.5  # a word no fact has may be a paraphrase; it counts half
CONTEXT_WEIGHT = 0.4  # a word only in the neighbouring sentences counts this much
# A story's first sentence restates its title ("Actor Scott is new Bond favourite": "... bets
# on who will be the next James Bond, following ... wagers on actor Dougray Scott"): a word
# only in the title counts for it as a neighbour's word does, but as the sentence's own
# for the predicate it must hold.
HEADLINE_WEIGHT = CONTEXT_WEIGHT
MAX_ANSWERS = 3
PLACE_NAMED = 0.75  # _place_fit of a fact naming a place besides those asked
LEDE_SLACK = 4  # characters between a title and its story's first sentence ("\n\n")
WORD_BEFORE = re.compile(r"\b([a-z][a-z-]{2,})\s+$")
WORD_AFTER = re.compile(r"\s+([a-z][a-z-]{2,})\b")
AGENT_ENDINGS = ("er", "ers", "or", "ors")
UNLISTED_WITHIN = 3  # sentences back in which a name no entity holds may be written
DESCRIBED_WITHIN = 2  # sentences back in which "the actor" may have named its person
# words written before a name that say what was done to or by it, not what it is
NOT_DESCRIPTORS = word_set(
    "said says say told tells asks according thanks "
    # nor a time or an order written beside it ("Opal year", "Band Aid new"): "the following
    # year", "the new version" name nothing
    "year years month months week weeks day days time new old first last next"
)
# "When is the next summit?" asks of one to come: "at the summit in August", past, is another.
NEXT = re.compile(r"\b(?:next|upcoming|forthcoming)\b", re.IGNORECASE)
NEXT_KEYS = frozenset(key(w) for w in ("next", "upcoming", "forthcoming"))
FUTURE = re.compile(
    r"\b(?:will|shall|next|upcoming|forthcoming|coming|due|scheduled|planned|expected|"
    r"(?:is|are|was|were)\s+(?:set\s+)?(?:to|for))\b|\w+'ll\b",
    re.IGNORECASE,
)
NAMES_ANSWER = frozenset({"who", "which", "where"})  # questions answered by a name
NEEDS_VALUE = frozenset({"when", "how_many"})  # the answer must hold a date or a number
# The type fit at which a fact names an answer of the kind asked (a person or group; for
# "where", a place where something happens, or for "which countries" any place besides
# those asked), so its pronoun's antecedent is not the answer.
NAMES_ITSELF = {"who": 1.0, "where": 1.0}
# Asked where, the sentences after the best one in which its story may go on to say where,
# each leaning on the one before ("... football schools," the captain said. "I have wanted
# to ... I'm going to open one in London")
WHERE_FOLLOWS_WITHIN = 2
REASON_FOLLOWS_WITHIN = 1  # "why": the sentence right after, "The move was aimed at ..."
PHRASE_RERANK = 12
PHRASE_BRIDGES = word_set("the a an s")
# "What did X do after the deal?": a fact saying "After the deal, ..." is placed in the time
# asked; one that only names the deal is not.
TIME_CLAUSE = re.compile(
    r"\b(after|before|since|during|until|following)\s+"
    r"(?:(?:the|a|an|his|her|its|their)\s+)?([^\W\d_]+)",
    re.IGNORECASE,
)
TIME_CLAUSE_BONUS = 0.2
LEADER_KEY = key("lead")
# Offices whose key is a title's ("ministry"/"minister", "presidency"/"president")
OFFICES = word_set(
    "ministry ministries government governments presidency presidencies secretariat "
    "secretariats directorate directorates leadership leaderships"
)
LIVE_KEY = key("live")
RUN_KEY = key("run")  # "Who runs X's ministry?": no relation cue, as "runs" is so often not
DWELLERS = frozenset(key(w) for w in ("people", "residents", "inhabitants", "citizens"))
# The titles of offices' holders whose key the office shares ("minis", "presi"); not the
# government, which no "governor" heads
HOLDER_TITLE_KEYS = frozenset(key(w) for w in ("minister", "president", "secretary", "director"))
# "X ... has a 6,932 majority" answers "X's majority": the verb at most HAVING_REACH words
# before the attribute, the name at most HAVING_SPAN words before it
HAVING_VERBS = word_set("has have had holds held owns")
HAVING_REACH = 4
HAVING_SPAN = 16
PRESENT_COPULAS = word_set("is are")
PAST_AUXILIARIES = word_set("did was were")
# a verb that makes what follows in its clause a possibility, not an event ("May" is a month)
MODAL = re.compile(r"\b(?:would|could|might|should|shall|will|may)\b|\w'll\b")
# Words before a role that put its holder in the past ("had a manager", "former", "ex-");
# read over PAST_ROLE_SPAN words, so "had a new manager" is one too
PAST_ROLE_MARKERS = word_set("had former ex previous erstwhile")
# Nor is a role one is yet to take held now: "he is seeking to become the mayor", "the next
# manager", "the would-be president"
FUTURE_ROLE_MARKERS = word_set("become next future would")
NOT_HELD_MARKERS = PAST_ROLE_MARKERS | FUTURE_ROLE_MARKERS
PAST_ROLE_SPAN = 3
LEADER_RANKS = word_set("deputy supreme former new top acting interim late current first")
PHRASE_BONUS = 0.1
# The stranded verb completed as asked ("died ... from" for "die of") is the answer's own
# phrase: worth the most that side-by-side pairs can give (3, or 2 and a doer)
COMPLETION_BONUS = 3 * PHRASE_BONUS
POSTING_BUDGET = 1_500  # facts an OR query may have to rank
HEAD_NOUN_WEIGHT = 0.5
LIGHT_WORD_WEIGHT = 0.3
LIGHT_MATCH_BONUS = 0.1  # a question of light words only: a fact saying one of them
STRANDED_VERB_WEIGHT = 1.5
STRANDED_PREPOSITIONS = word_set("as for about with by of to into on at")
CAUSE_PREPOSITIONS = word_set("of from")
STRANDED_SPAN = 5  # "died on 23 January from": words from the verb to its preposition
SYNONYM_CREDIT = 0.8  # "belong" met by "member": the same relation asked in other words
# Verbs that carry little of a question's meaning ("What emblem does X use?").
LIGHT_WORDS = word_set(
    "use uses used using make makes made take takes took get gets got do does did go goes went "
    "come comes came happen happened become became mean means put puts want wants "
    "describe described call called"
    # their -ing forms and participles: "Why is X going to Y?" asks no more than "go"
    " making taking taken getting gotten doing done going gone coming happening becoming"
    " meaning putting wanting describing calling"
)
TAKE = word_set("take takes took taken taking")
# A verb and its particle that say what one everyday verb says ("the claims go up": "the
# rise in claims"); the particle is a stopword, and the verb alone often a light one.
PHRASAL_LINES = (
    "go goes going went gone | up: rise",
    "go goes going went gone | down: fall",
    "set sets setting | up: establish",
    "step steps stepping stepped | down: resign",
    "call calls calling called | off: cancel",
    "shut shuts shutting | down: close",
)
PHRASAL_VERBS = {
    (form, particle.strip()): equivalent.strip()
    for line in PHRASAL_LINES
    for forms, _, rest in [line.partition("|")]
    for particle, _, equivalent in [rest.partition(":")]
    for form in forms.split()
}
# Asked "how long", these say only that something has a length in time ("How long did the
# war last?" is answered by "the 18-year war").
OBJECT_PRONOUN = re.compile(r"\b(?:him|her)\b")
KIN = word_set(
    "brother sister son daughter wife husband father mother uncle aunt cousin friend widow"
)
RELATING_WORDS = word_set("related connected linked")
YES_NO_OPENERS = word_set("do does did is are was were has have had will would can could should")
STANCE_VERBS = word_set(
    "think thinks believe believes accept accepts agree agrees feel feels consider considers"
)
DURATION_VERBS = word_set("last lasts lasted lasting")
# Asked "where" or "when" of an event, these say no more than that it takes place.
EVENT_VERBS = word_set(
    "held hold holds holding hosted host hosts hosting staged stage stages staging "
    "played play plays playing"
)
DESCRIPTIONS = {
    "place": re.compile(r"\bthe (?:country|nation|kingdom|republic|region)\b", re.IGNORECASE),
    "organization": re.compile(
        r"\bthe (?:company|firm|group|organi[sz]ation|party|movement)\b", re.IGNORECASE
    ),
}
# "How much is X worth?" is answered by "a $600 million yacht": the amount says the worth,
# as "constructing a $100 million complex" says what is being spent on it.
VALUE_WORDS = word_set("worth value valued spend spends spent spending")
# Nouns too general to be the attribute asked in "the P of X" ("the name of X's radio").
GENERIC_NOUNS = word_set(
    "name names number kind type types part parts rest lot lots most some all sort form way "
    "role status situation state story news"
)
LINKING_WORDS = word_set("of in for at")
# What answers "why": a sentence giving a cause or a purpose ("have an incentive to protect
# the euro", "because of", "aimed at helping") over one only telling what happened
REASON = re.compile(
    r"\b(?:because|due to|owing to|as a result of|in order to|so that|so as to|"
    r"aim(?:s|ed|ing)? (?:at|to)|intended to|incentives?|motives?|thanks to|"
    r"for fear|in an effort to|in a bid to|caused by|driven by|fuell?ed by|blamed)\b",
    re.IGNORECASE,
)
WITHOUT_REASON = 0.5
AGED = re.compile(r"\baged\s+\d")
CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
AGE_OWNER_SPAN = 30  # characters before "aged N" in which its owner is named
QUESTION_PENALTY = 0.1
VISITS = word_set("visit visits trip trips journey travelled traveled went flew tour mission")
VISITING = word_set("visiting visited visits touring toured")
# what stands between two items of a list: "KIB, KTJ", "(KIB), the IJU", "IJU and the IMU"
LIST_JOIN = re.compile(r"\s*(?:[(\[][^)\]]*[)\]])?\s*(?:,|,?\s+(?:and|or))\s+(?:the\s+)?")
# "close to bankruptcy", "on the brink of collapse", "nearly died": what did not happen
NEARLY = word_set("close near nearly almost brink verge edge")
NEARLY_REACH = 3
# NEARLY's words, found in an excerpt before it is split into words
NEARLY_WORD = re.compile(rf"\b(?:{'|'.join(sorted(NEARLY))})\b", re.IGNORECASE)
PASSIVE_AUXILIARIES = word_set("was were is are be been being get got gets")
AGENT_SPAN = 8  # "kidnapped in Iraq last month by gunmen": words from a passive to its "by"
CLOSING_QUOTES = " \"'”’»)"
TITLE_QUALIFIERS = 3  # "Chinese Deputy Foreign Minister": words read back for the owner
DO_AUXILIARIES = word_set("do does did")
DETERMINERS = word_set("the a an its his her their this that these those s")
POSSESSIVE_PRONOUNS = word_set("his her its their")
PERSONAL_POSSESSIVES = word_set("his her their")
THING_POSSESSIVES = word_set("its their")
# "the country's debt": the nouns that stand for a name of each kind as its owner
# "the Watergate affair ... the scandal's main lesson": an event or a thing by its kind (such
# names are often typed organizations: a capitalised name the compiler cannot place)
EVENT_DESCRIPTIONS = word_set(
    "scandal affair war crisis conflict deal agreement treaty accord pact event case "
    "election campaign plan programme program scheme law bill policy project"
)
OWNER_DESCRIPTIONS = {
    "place": word_set("country nation kingdom republic state region city island territory"),
    "organization": word_set("company firm group organisation organization party club team")
    | EVENT_DESCRIPTIONS,
    "other": EVENT_DESCRIPTIONS,
}
LOCATIVE = word_set("in at near across outside inside throughout around")
# "troops massed on Ukraine's border": a place's own ground named after it says where too
PLACE_PARTS = word_set(
    "border borders frontier frontiers soil territory territories coast coastline shores "
    "outskirts streets"
)
PLACE_PART = re.compile(r"[’']s\s+(\w+)")
# "Where is X from?": "X, 32, from Wembley, London", "X, who comes from Y", "a native of Y"
ORIGIN_QUESTION = re.compile(r"^\W*where\b.*\bfrom\W*$", re.IGNORECASE)
ORIGIN_WORDS = word_set("from native")
ORIGIN_BONUS = 0.2
CLAUSE_BREAK = re.compile(r"[,;:()]")
FORMER_LEADER_TITLE = re.compile(
    r"\b(?:former|late|ex-|then-?)\s*(?:\w+\s+){0,2}?"
    r"(?:leader|amir|emir|chief|head|commander|president)\b",
    re.IGNORECASE,
)
FORMER_WINDOW = 40  # characters around "former Amir" in which the person must be named
TITLE_THEN_NAME = re.compile(r"[\s,:]*(?:[A-Z][\w.]*\s+){0,2}")  # ", Mullah " before the name
NAME_THEN_TITLE = re.compile(r",\s+(?:the\s+|a\s+)?(?:\S+\s+)?")  # ", the Taliban's " after it
FORMER_LEADER_PENALTY = 0.3
SUBJECT_BONUS = 0.02  # a tie-breaker: the fact opens with a name asked about
LEADER_CONSENSUS_BONUS = 0.02  # a tie-breaker: per further fact naming the same leader
LEADER_CONSENSUS_CAP = 3
DEPARTMENT_SPAN = 5  # "of Foreign Affairs Sergei Lavrov": capitalised words after "of" read
EMPLOYER_KINDS = frozenset({"organization", "other"})
EMPLOYER_SPAN = 80  # characters from a person's name to the "at X" naming their employer
PLACE_OF = re.compile(
    r"\b(?:city|town|village|capital|province|region|district|port|county|state) of [A-Z]"
)
TOPIC_FACTS = 3  # an entity named this often in a document is what the document is about
TOPIC_COVERAGE = 0.9  # a fact standing for an unnamed topic must say all else asked,
TITLE_PREDICATE = 2  # words of the question a fact must hold itself for its title to name the rest
TOPIC_WORDS = 3  # and the question must ask that much: one shared word is no evidence
FORMER = word_set("former ex late then previous acting interim outgoing")
ATTRIBUTE_SPAN = 6  # "leader of the powerful Haqqani Network": tokens from P to X
POSSESSIVE_SPAN = 8  # "Usmanov ... his Dilbar: a $600 million yacht": a looser tie
PREDICATE_SHARE = 0.5  # share of the predicate's weight the fact itself must hold
ANTECEDENT_PENALTY = 0.05  # a name reached through a pronoun is less sure than one written
# "President X" tied to a country only because the document is about it, while no sentence
# beside it names the country: less sure than a title whose neighbour names it
TOPIC_ROLE_PENALTY = 0.1
COUNT_BONUS = 0.3  # "ten agreements" answers "how many deals" better than any other number
COUNTING_VERBS = frozenset(
    {"number", "numbering", "numbered", "numbers", "total", "totalling", "totaling", "totalled"}
)
MEASURE_BONUS = 0.5  # "his two-day visit" says how long the visit was, whatever else is near
COUNT_SPAN = 4  # "eight Las Vegas style resorts": words from the number to the noun
MONTHS = frozenset(MONTH_NAMES)
YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")  # "the 2022 Trafficking in Persons Report" counts none
IRREGULAR_PLURALS = word_set("people men women children police cattle staff")  # no "-s"
# Relation cue keys grouped by type: any of them in a fact answers any of them in a question.
CUES_BY_TYPE: dict[str, frozenset[str]] = {
    rtype: frozenset(k for k, t in RELATION_CUES.items() if t == rtype)
    for rtype in set(RELATION_CUES.values()) - {"role"}  # "president" is no "minister"
}

QUOTE_MARKS = re.compile('[“”«»]|"')
# Phrases that define a name: "X, formerly Y", "X (also known as Y)", "[former name of Y]".
ACRONYM_AFTER = re.compile(r"\s*[(\[][A-Z][A-Za-z0-9-]*[A-Z][)\]]")
DEFINING = re.compile(
    r"former(ly)? name|formerly|known as|also called|stands for|renamed|"
    r"short for|\bi\.e\.",
    re.I,
)
# "Navalny, a 37-year-old anti-corruption lawyer, ...": what a person is, right after the name
APPOSITION = re.compile(r",\s+(?:a|an)\s+[\w-]*[a-z][\w\s-]{0,50},")
APPOSITION_FIT = 0.5
# A word glossed where it is used: 'donors he calls "Pioneers," who ...', 'their pollero, or
# "people-smuggler,"', 'the Bayat, which means the sacred Quranic Oath'.
GLOSS = re.compile(r"\bcall(?:s|ed)?\s+[\"“‘']|,\s+or\s+[\"“‘']|,\s+which\s+means\b", re.I)
GLOSS_FIT = 0.9  # above a name merely written in brackets after another ("[Bayat]")
# The editor's gloss in brackets right after the word: "Muhajireen[foreign fighters]",
# "the Majlis (parliament)", "Takbir [“Allah is greater”]": lower case or quoted, so no
# acronym ("KIB (Katibat ...)") nor another name ("loyalty [Pact]").
# after "‘Takbir’" too; a capitalised gloss of words, not a name: "(Leader of all Turkmens)"
# "Which UN body ...?": a body of the organization named before the noun is the answer; a
# fact naming "the United Nations General Assembly" or "the UN Security Council" names it.
PART_NOUNS = word_set(
    "body bodies agency agencies organ organs committee committees council councils court "
    "courts branch branches wing wings unit units division divisions department departments "
    "ministry ministries subsidiary subsidiaries affiliate affiliates commission commissions "
    "panel panels chamber chambers institution institutions"
)
BRACKET_GLOSS = re.compile(r"[’”'\"]?\s*[\[(][\"“‘']?(?:[a-z]|[A-Z][a-z]+\s+[a-z])")


@dataclass(slots=True)
class Scored:
    fact: FactRow
    score: float = 0.0
    coverage: float = 0.0
    entity_share: float = 0.0
    relation: float = 0.0
    type_fit: float = 0.0
    answers: bool = False  # holds what was asked: may be offered as the answer


# (attribute key, the entities the name may be, asked as a possessive "X's P")
Attribute = tuple[str, tuple[EntityInfo, ...], bool]


@dataclass(frozen=True, slots=True)
class Asked:
    """What one question asks, resolved once and shared by the scoring of every candidate."""

    qtype: str
    entities: list[list[EntityInfo]]  # per name in the question, the entities it may mean
    entity_ids: set[str]
    weights: dict[str, float]  # content word key -> weight
    wanted: tuple[str, ...]  # relation types
    definition: bool
    names_typed: tuple[str, ...] = ()  # the names as the question wrote them
    # The question's own predicate: content words it asks about besides the names, neither
    # light verbs nor the noun after "which" (that names the kind of answer).
    predicate: dict[str, float] = field(default_factory=dict)
    # "the capital of X", "X's yacht": (attribute key, the entities X may be), held together.
    attributes: tuple[Attribute, ...] = ()
    counted: str = ""  # "how many deals": the key of what is counted
    origin: bool = False  # "Where is X from?": a place after "from" answers it
    abbreviation: bool = False  # "What is X abbreviated as?": "X (ACR)" answers it
    openers: tuple[str, ...] = ()  # every name of the entities asked, to test a fact's opening
    measure: str = ""  # "how old": the answer must hold an age (text.MEASURE_PATTERNS)
    agent_verb: str = ""  # "Who won X?": the fact must say "won" (or a synonym)
    future: bool = False  # "When is the next X?": a fact saying X is to come answers it
    past: bool = False  # "When did X join Y?": a time something would happen answers nothing
    # entity id -> the sources it is the topic of (named in TOPIC_FACTS facts or more there)
    topics: dict[str, frozenset[str]] = field(default_factory=dict)
    # attribute key -> the words the question puts before it ("prime" minister)
    modifiers: dict[str, frozenset[str]] = field(default_factory=dict)
    # entity id -> the noun the question writes right after its name ("Billboard awards")
    heads: dict[str, str] = field(default_factory=dict)
    leads: bool = False  # "Who leads X?": the fact's leader must be X's
    # "Who is X's foreign minister?": the role titles asked of the place X
    titles: frozenset[str] = frozenset()
    # "Who is X's prime minister?", "Who is the manager of X?": the answer holds the
    # attribute, so it names a person or an organization, not only a place or a thing.
    holder: bool = False
    # "Who is X's manager?": the holder now, so "I had a manager, Y" does not answer it
    present: bool = False
    # "Which countries ...?", "Which city ...?": the answer names a place, not only a thing
    places: bool = False
    # person id -> the nouns the documents write right before the name ("actor" of "actor
    # Dougray Scott"): "the 39-year-old actor" a sentence or two later is that person
    descriptors: dict[str, frozenset[str]] = field(default_factory=dict)
    # the facts at hand by ordinal, and those read for the sentences before a description
    nearby: dict[int, FactRow | None] = field(default_factory=dict)
    # keys of words asked as a verb in -ing ("Where is X fighting?"): "fighters" says less
    verbs: frozenset[str] = frozenset()
    # keys of capitalised words the documents use but no entity holds ("The Guardian"): a
    # name all the same, which no other word paraphrases, so the answer must write it
    unlisted: frozenset[str] = frozenset()
    # "Who is the science minister?": role titles asked of one holder, in the singular,
    # each with the keys of the words qualifying it ("science")
    one_holder: tuple[tuple[str, frozenset[str]], ...] = ()
    # "Which UN body ...?": ids of the organizations asked a part of
    wholes: frozenset[str] = frozenset()


@dataclass(slots=True)
class Ranking:
    answers: list[Scored]
    related: list[Scored]
    mentions: list[Mention]
    content: list[str]
    scored: list[Scored]  # every candidate, best first


def content_keys(query: Query, mentions: list[Mention]) -> dict[str, float]:
    """Keys of the question's words that are neither names asked about nor function words,
    with a multiplier: the noun right after "which"/"what" names the kind of answer
    ("which currency"), and the answer rarely repeats it, so it counts half."""
    in_names: set[int] = set()
    for mention in mentions:
        in_names.update(range(mention.start, mention.end))
    out: dict[str, float] = {}
    previous = ""
    tokens = WORD.findall(query.focus)
    stranded = _before_stranded_preposition(tokens)
    yes_no = query.qtype == "keywords" and bool(tokens) and fold(tokens[0]) in YES_NO_OPENERS
    for n, word in enumerate(tokens):
        folded = fold(word)
        after_which = previous in ("which", "what")
        # "how long", "what share": the kind of answer, checked as a type
        measure = (
            previous == "how"
            or (previous in ("what", "which") and folded in SHARE_NOUNS)
            or (query.measure == "score" and folded == "score")
        )
        previous_word, previous = previous, folded
        if n in in_names or folded in STOPWORDS or folded in QUESTION_WORDS or measure:
            continue
        k = key(folded)
        particle = fold(tokens[n + 1]) if n + 1 < len(tokens) else ""
        if (folded, particle) in PHRASAL_VERBS:  # "go up": "rise", not the light "go"
            out[key(PHRASAL_VERBS[folded, particle])] = 1.0
            continue
        light = (
            folded in LIGHT_WORDS
            or (folded == "place" and previous_word in TAKE)  # "take place": happen
            or (query.measure == "much" and folded in VALUE_WORDS)  # the amount is the answer
            or (query.measure == "long" and folded in DURATION_VERBS)
            # "Where is the World Cup being played?": for an event, only that it happens
            or (query.qtype in ("where", "when") and folded in EVENT_VERBS)
            # "How is Michael Foley related to James Foley?": the tie between two names is
            # the answer ("Michael Foley, brother of James Foley"), not the word "related"
            or (query.qtype == "how" and len(mentions) >= 2 and folded in RELATING_WORDS)
            # "Does Howard accept that curbing immigration is racist?": a yes/no question's
            # verb of holding a view frames what is asked, the clause after it
            or (yes_no and folded in STANCE_VERBS)
        )
        weight = LIGHT_WORD_WEIGHT if light else 1.0
        if after_which:
            weight = min(weight, HEAD_NOUN_WEIGHT)
        elif n == stranded:  # even a light verb: "described as" is then what is asked
            weight = STRANDED_VERB_WEIGHT
        out[k] = max(out.get(k, 0.0), weight)
    return out


def _before_stranded_preposition(tokens: list[str]) -> int:
    """ "What have X been described as?", "What is Y used for?": the word before a question's
    final preposition is its verb, and the answer is what completes it; a fact that leaves
    the verb out ("uranium enrichment facilities") says something else of X. -1: none."""
    if len(tokens) >= 3 and fold(tokens[-1]) in STRANDED_PREPOSITIONS:
        return len(tokens) - 2
    return -1


def attribute_questions(
    query: Query, mentions: list[Mention], entities: dict[str, EntityInfo]
) -> tuple[Attribute, ...]:
    """ "the capital of Uzbekistan", "Usmanov's yacht": an attribute asked of a name. The
    answer must tie the two together, not hold them apart ("Uzbek projects ... Western
    capital inflow" says nothing of a capital city)."""
    tokens = [fold(w) for w in WORD.findall(query.focus)]
    named = {n for m in mentions for n in range(m.start, m.end)}
    found: list[Attribute] = []
    for mention in mentions:
        group = tuple(entities[i] for i in mention.entity_ids if i in entities)
        if not group:
            continue
        before = mention.start - 1
        if before >= 0 and tokens[before] == "the":
            before -= 1
        possessor = mention.end < len(tokens) and tokens[mention.end] == "s"
        if (
            before >= 1
            and tokens[before] == "of"
            and _attribute_word(tokens[before - 1])
            and tokens[before - 1] not in SHARE_NOUNS  # "what share of X": a kind of answer
            # "Which versions of Windows ...?": so is the noun right after "which"; the
            # answer names them ("Windows 2000 and XP") rather than repeating it
            and not (before >= 2 and tokens[before - 2] in ("which", "what"))
            and not possessor  # "the heart of China's BRI" is the heart of the BRI
            and not _verb_of(tokens, before - 1)
        ):
            found.append((key(tokens[before - 1]), group, False))
        after = mention.end
        if (
            after + 1 < len(tokens)
            and tokens[after] == "s"
            and after + 1 not in named  # "China's Belt and Road Initiative": a name, owned
            and _attribute_word(tokens[after + 1])
            and (after + 2 >= len(tokens) or tokens[after + 2] in STOPWORDS)
        ):
            found.append((key(tokens[after + 1]), group, True))
        elif _two_word_attribute(tokens, after, named):
            # "Who is Nestle's chief executive?": the last word names the attribute, the
            # first qualifies it (see _modifiers).
            found.append((key(tokens[after + 2]), group, True))
    return tuple(found)


def _progressive_keys(query: Query, weights: dict[str, float]) -> frozenset[str]:
    """Keys of the question's content words written as a verb in -ing ("fighting")."""
    return frozenset(
        k
        for w in WORD.findall(query.focus)
        if len(w) > 5 and w.lower().endswith("ing") and (k := key(fold(w))) in weights
    )


def _only_as_agent(word_key: str, excerpt: str) -> bool:
    """Whether the excerpt writes the word only as a noun for those who do it: "Uighur
    fighters" holds the key of "fighting" but says nobody is fighting anywhere."""
    forms = re.findall(rf"\b{re.escape(word_key)}\w*", excerpt, re.IGNORECASE)
    return bool(forms) and all(t.lower().endswith(AGENT_ENDINGS) for t in forms)


def _descriptors(facts: list[FactRow], asked: list[list[EntityInfo]]) -> dict[str, frozenset[str]]:
    """The lower-case nouns the facts at hand write with an asked name: before a person's
    ("wagers on actor Dougray Scott", "Middlesbrough forward Boudewijn Zenden"), after
    anything else's ("the ongoing Ebola pandemic"): "the actor", "the pandemic" nearby."""
    found: dict[str, set[str]] = {}
    for entity in (e for group in asked for e in group):
        names = [n for n in {entity.name, *entity.aliases} if n]
        person = entity.kind == "person"
        for fact in facts:
            if entity.id not in fact.entities:
                continue
            for noun in _nouns_beside(fact.excerpt, names, before=person):
                found.setdefault(entity.id, set()).add(noun)
    return {e: frozenset(nouns) for e, nouns in found.items()}


def _nouns_beside(excerpt: str, names: list[str], *, before: bool) -> Iterator[str]:
    """The lower-case word right before (or after) each place the excerpt writes a name."""
    for name in names:
        at = excerpt.find(name)
        while at >= 0:
            if before:
                match = WORD_BEFORE.search(excerpt, max(0, at - 30), at)
            else:
                match = WORD_AFTER.match(excerpt, at + len(name))
            if match and _descriptor_word(match.group(1)):
                yield match.group(1)
            at = excerpt.find(name, at + len(name))


def _descriptor_word(word: str) -> bool:
    """A noun for a person ("actor", "forward"), not a verb or a function word before the name
    ("said X", "praised X", "by X")."""
    return (
        word not in STOPWORDS
        and word not in NOT_DESCRIPTORS
        and not word.endswith(("ed", "ing", "ly"))
    )


def _writes_the_noun(excerpt: str, nouns: frozenset[str]) -> bool:
    """ "the 39-year-old actor", "the actor": not "the actor Colin Salmon" nor "the Iraq war",
    which name another."""
    alternatives = "|".join(re.escape(n) for n in sorted(nouns))
    pattern = rf"\b[Tt]he\s+(?:[a-z0-9][\w-]*\s+){{0,2}}?(?:{alternatives})\b(?!\s+[A-Z])"
    return re.search(pattern, excerpt) is not None


def _asks_which_place(query: Query) -> bool:
    """ "Which countries must X compete with?": the kind of answer is a place noun."""
    tokens = [fold(w) for w in WORD.findall(query.focus)]
    return any(
        word in ("which", "what") and after in PLACE_NOUNS
        for word, after in itertools.pairwise(tokens)
    )


def _verb_of(tokens: list[str], at: int) -> bool:
    """ "What did Chinese firms first think of X?": after "do/does/did" and its subject, a
    bare word before "of" is the verb ("think of", "make of", "hear of"), not an attribute
    of X; an attribute has a determiner ("What did the head of X say?"). A noun without
    one ("call negative assessments of X") then goes untied too: a looser reading."""
    return (
        at >= 2
        and tokens[at - 1] not in DETERMINERS
        and not DO_AUXILIARIES.isdisjoint(tokens[: at - 1])
    )


def _questions_last(scored: list[Scored]) -> None:
    for s in scored:
        if s.answers and _is_question(s.fact.excerpt):
            s.score -= QUESTION_PENALTY


def _is_question(excerpt: str) -> bool:
    """ "What if the regime collapses, and China does intervene?": a sentence asking
    something states at most what it takes for granted ("a government confirmed by a
    National Assembly (Loya Jirga)"), so a statement saying as much ranks above it."""
    return excerpt.rstrip(CLOSING_QUOTES).endswith("?")


def _titles_of_place(
    qtype: str, weights: dict[str, float], asked: list[list[EntityInfo]]
) -> frozenset[str]:
    """ "Who is Kazakhstan's foreign minister?": the role titles a "who" question asks of
    the one place it names."""
    if qtype != "who" or len(asked) != 1 or not any(e.kind == "place" for e in asked[0]):
        return frozenset()
    return frozenset(k for k in weights if RELATION_CUES.get(k) == "role")


def _offices_only(excerpt: str, titles: frozenset[str]) -> bool:
    """Whether the title asked is written only as an office sharing its key: "China's
    Ministry of Foreign Affairs has accused ..." names no foreign minister."""
    written = [w for w in words(excerpt) if key(w) in titles]
    return bool(written) and all(w in OFFICES for w in written)


def _titles_of_another(excerpt: str, titles: frozenset[str], place: list[EntityInfo]) -> bool:
    """Whether every role title asked, written before a name in the excerpt, belongs to
    another country: "Chinese Foreign Minister Wang Yi visited Kazakhstan" names no minister
    of Kazakhstan ("foreign ministers meeting" titles nobody)."""
    written = WORD.findall(excerpt)
    tokens = [fold(t) for t in written]
    known = places()
    asked = {known.get(n, n) for e in place for n in map(normalize_name, (e.name, *e.aliases))}
    owners = [
        _title_owner(tokens, n)
        for n, t in enumerate(tokens[:-1])
        if key(t) in titles and written[n + 1][:1].isupper()
    ]
    return bool(owners) and all(o is not None and o not in asked for o in owners)


def _asks_present_holder(query: Query) -> bool:
    """ "Who is X's manager?" (not "Who was ...", "... former manager", "... next manager")."""
    tokens = words(query.focus)
    return (
        len(tokens) > 1
        and tokens[1] in PRESENT_COPULAS
        and not any(t in NOT_HELD_MARKERS for t in tokens)
    )


def _not_held_now(excerpt: str, attributes: tuple[Attribute, ...]) -> bool:
    """Whether every attribute asked is written only as one held in the past ("I had a
    manager, Sir Alex Ferguson", "its former manager", "the ex-manager") or yet to be
    taken ("seeking to become the mayor of Moscow")."""
    tokens = [fold(t) for t in WORD.findall(excerpt)]
    asked = {attribute for attribute, _group, _possessive in attributes}
    written = [n for n, t in enumerate(tokens) if key(t) in asked]
    return bool(written) and all(
        any(t in NOT_HELD_MARKERS for t in tokens[max(0, n - PAST_ROLE_SPAN) : n]) for n in written
    )


def _title_owner(tokens: list[str], at: int) -> str | None:
    """The country a role title is qualified by: a demonym among the words right before
    it ("Chinese Foreign Minister") or a possessive ("Russia's Foreign Minister"); words
    are lower-cased here, so the run is read back over at most TITLE_QUALIFIERS words."""
    countries, known = demonyms(), places()
    for n in range(at - 1, max(-1, at - 1 - TITLE_QUALIFIERS), -1):
        word = tokens[n]
        if word in countries:
            return countries[word]
        if word == "s":  # "South Korea's president": the place's one or two words
            for owner in (" ".join(tokens[max(0, n - 2) : n]), tokens[n - 1] if n else ""):
                if owner in known:
                    return known[owner]
            return None
        if word in STOPWORDS:
            return None
    return None


def _two_word_attribute(tokens: list[str], after: int, named: set[int]) -> bool:
    """ "X's chief executive", "X's share price" ending a "who/what is" question: a verb
    there ("What did X's chief say?") would be no attribute, so only after "is/was"."""
    return (
        after + 3 == len(tokens)
        and tokens[after] == "s"
        and not named.intersection((after + 1, after + 2))
        and _attribute_word(tokens[after + 1])
        and _attribute_word(tokens[after + 2])
        and not _verb_like(tokens[after + 2])  # "Where was X's subsidiary based?"
        and bool(COPULAS.intersection(tokens[:after]))
    )


def _verb_like(word: str) -> bool:
    return word.endswith("ed") or key(word) in RELATION_CUES


def _attribute_word(word: str) -> bool:
    return (
        word not in STOPWORDS
        and word not in QUESTION_WORDS
        and word not in GENERIC_NOUNS
        and word not in LIGHT_WORDS
        and word.isalpha()
    )


def _ties(fact: FactRow, attribute: str, group: tuple[EntityInfo, ...], possessive: bool) -> bool:
    """Whether the excerpt writes the attribute next to the name: "capital of X" (a few
    words between, one of them "of"/"in"/"for"), "X's capital", "X capital". Asked as
    "X's P", a looser tie will do: the sentence may say "his P" a few words after X."""
    tokens = words(fact.excerpt)
    token_keys = [key(t) for t in tokens]
    wanted = {attribute} | synonyms(attribute)
    at = [n for n, k in enumerate(token_keys) if k in wanted]
    if not at:
        return False
    name_keys = {k for e in group for ks in e.key_sets for k in ks}
    named = [n for n, k in enumerate(token_keys) if k in name_keys]
    where_named = set(named)
    for p in at:
        # "X died in December, his successor, Y": the pronoun before P stands for X.
        referred = p > 0 and tokens[p - 1] in POSSESSIVE_PRONOUNS
        for x in named:
            if referred and 0 < p - x <= POSSESSIVE_SPAN:
                return True
            if 0 < x - p <= ATTRIBUTE_SPAN and set(tokens[p + 1 : x]) & LINKING_WORDS:
                return True
            if p - x == 2 and _group_between(tokens, x, attribute):
                continue
            if 0 < p - x <= 2:
                return True
            # "During a visit to South Korea last July, President Xi": a visitor's title
            # is the visitor's own country's, so the looser tie skips a destination.
            loose = possessive and abs(p - x) <= POSSESSIVE_SPAN
            if loose and not _destination(tokens, x, where_named):
                return True
            # "Blackman won the seat in 1997 and has a 6,932 majority": X has P
            if possessive and 0 < p - x <= HAVING_SPAN and _had(tokens[x + 1 : p]):
                return True
            # "Wanadoo's chief executive" answers "the chief executive of Wanadoo": the
            # possessive may carry one qualifier before the attribute ("X's new coach").
            if p - x == 3 and tokens[x + 1] == "s" and tokens[x + 2] not in STOPWORDS:
                return True
    return False


def _destination(tokens: list[str], x: int, named: set[int]) -> bool:
    """Whether the name at `x` is where someone goes: "a visit to X", "visiting X"."""
    while x - 1 in named:
        x -= 1  # the name's own first words ("south" of "South Korea")
    if x > 0 and tokens[x - 1] in VISITING:
        return True
    return x > 1 and tokens[x - 1] == "to" and tokens[x - 2] in VISITS


def _visited(excerpt: str, group: Sequence[EntityInfo]) -> bool:
    """Whether the excerpt writes the name as where someone goes ("a visit to X")."""
    tokens = words(excerpt)
    name_keys = {k for e in group for ks in e.key_sets for k in ks}
    named = {n for n, t in enumerate(tokens) if key(t) in name_keys}
    return any(_destination(tokens, x, named) for x in named)


def _had(between: list[str]) -> bool:
    """A verb of having among the few words right before the attribute ("has a 6,932")."""
    return bool(HAVING_VERBS.intersection(between[-HAVING_REACH:]))


def _group_between(tokens: list[str], x: int, attribute: str) -> bool:
    """ "The Uzbek jihadist leader" leads Uzbek jihadists, not Uzbekistan: a demonym and a
    noun before "leader" name a group from the country ("the Kazakh opposition leader").
    A rank is no group: "the Uzbek deputy leader" is still the country's."""
    return (
        attribute == LEADER_KEY
        and tokens[x] in demonyms()
        and tokens[x + 1] not in LEADER_RANKS
        and tokens[x + 1] not in STOPWORDS
    )


def counted_key(query: Query) -> str:
    """The noun a "how many" question counts: the first plural after "many" ("How many US
    troops were ..." -> "troops"; "How many people live ..." -> "people")."""
    tokens = [fold(w) for w in WORD.findall(query.focus)]
    if "many" not in tokens:
        return ""
    run = []
    for word in tokens[tokens.index("many") + 1 :]:
        if word in STOPWORDS or word in QUESTION_WORDS:
            break
        run.append(word)
    for word in run:
        if word in IRREGULAR_PLURALS or (
            len(word) > 3 and word.endswith("s") and not word.endswith("ss")
        ):
            return key(word)
    return key(run[0]) if run else ""


def _without_counted_noun(query: Query, mentions: list[Mention]) -> list[Mention]:
    """ "How many people did X uproot?": the word counted, written in lower case in a question
    that capitalises its names, is a common noun, even when the documents have a name spelt
    so ("People" of "People's Liberation Army")."""
    if query.qtype != "how_many" or query.focus == query.focus.lower():
        return mentions
    tokens = [fold(w) for w in WORD.findall(query.focus)]
    if "many" not in tokens:
        return mentions
    counted = tokens.index("many") + 1
    return [m for m in mentions if not (m.start == counted and m.text.islower())]


def _counts(fact: FactRow, wanted: set[str] | frozenset[str]) -> bool:
    """Whether the excerpt writes a number just before a word with one of the wanted keys
    ("ten agreements", "3,100 US troops killed")."""
    tokens = words(fact.excerpt)
    for n, word in enumerate(tokens):
        if key(word) not in wanted:
            continue
        if any(
            _is_count(tokens[c]) and not _day_of_month(tokens, c)
            for c in range(max(0, n - COUNT_SPAN), n)
        ):
            return True
        # "a population of close to 35 million": the count after "of"
        after = tokens[n + 1 : n + 2 + COUNT_SPAN]
        if after[:1] == ["of"] and any(_is_count(t) for t in after[1:]):
            return True
        if _count_of_the(tokens, n):
            return True
        # "forces - to number 300,000", "troops totalling 5,000": a verb of counting between
        if _is_count_after_verb(after):
            return True
        # "The number of Americans filing jobless claims jumped to 367,000": the phrase
        # names the count, which the sentence gives later
        if tokens[max(0, n - 2) : n] in (["number", "of"], ["total", "of"]) and any(
            _is_count(t) for t in tokens[n + 1 :]
        ):
            return True
    return False


def _count_of_the(tokens: list[str], n: int) -> bool:
    """ "all five of the post-Soviet Central Asian countries": a count, "of the", and the
    noun phrase it counts, ending at the word at `n`."""
    for at in range(max(0, n - COUNT_SPAN - 3), n - 2):
        if (
            tokens[at + 1 : at + 3] == ["of", "the"]
            and _is_count(tokens[at])
            and not STOPWORDS.intersection(tokens[at + 3 : n])
        ):
            return True
    return False


def _measure_before(excerpt: str, measure: str, wanted: dict[str, float]) -> bool:
    """ "How much was the bribe?" met by "a $50,000 bribe", "How long was X's visit?" by "his
    two-day visit": the measure written right before a word the question asks about, not
    elsewhere in the sentence ("$1.5m fine for bribing", "two weeks following ...")."""
    pattern = MEASURE_PATTERNS.get(measure)
    if pattern is None:
        return False
    for match in pattern.finditer(excerpt):
        end = match.end()
        while end < len(excerpt) and (excerpt[end].isalnum() or excerpt[end] in ".,%"):
            end += 1  # to the end of the amount: the pattern may stop at "$5" of "$50,000"
        following = WORD.match(excerpt, end + 1)
        if (
            following
            and excerpt[end : end + 1] in (" ", "-")
            and key(fold(following.group())) in wanted
        ):
            return True
    return False


def _is_count_after_verb(after: list[str]) -> bool:
    for n, token in enumerate(after[:-1]):
        if token in COUNTING_VERBS:
            return _is_count(after[n + 1])
    return False


def _day_of_month(tokens: list[str], at: int) -> bool:
    """ "On March 15, 2020, KTJ's jihadists": a day of a date counts nothing."""
    return (at > 0 and tokens[at - 1] in MONTHS) or (
        at + 1 < len(tokens) and tokens[at + 1] in MONTHS
    )


@cache
def _peoples() -> frozenset[str]:
    """The keys of every demonym ("Chinese", "Afghans"): what a count of people may name."""
    return frozenset(key(word) for word in demonyms())


def _is_count(token: str) -> bool:
    return (token[:1].isdigit() and not YEAR.match(token)) or token in NUMBER_WORDS


def capitalised_keys(query: Query, mentions: list[Mention]) -> list[str]:
    """Keys of the capitalised words outside the names found (in a mixed-case question)."""
    return [key(fold(word)) for word in _capitalised_words(query, mentions)]


def _capitalised_words(query: Query, mentions: list[Mention]) -> list[str]:
    text = query.focus
    if text == text.lower() or text == text.upper():
        return []
    in_names = {n for m in mentions for n in range(m.start, m.end)}
    return [
        word
        for n, word in enumerate(WORD.findall(text))
        if n not in in_names
        and word[:1].isupper()
        and fold(word) not in STOPWORDS
        and fold(word) not in QUESTION_WORDS
    ]


def _unlisted_names(
    query: Query, mentions: list[Mention], weights: dict[str, float]
) -> frozenset[str]:
    """Keys of the capitalised words of a mixed-case question that no entity holds and the
    documents use ("Who edits The Guardian?"): a name all the same. A people's adjective
    ("Greek debt", "Soviet-era", "Central Asian") is no name: its country's may meet it."""
    capitalised = _capitalised_words(query, mentions)
    if not capitalised:
        return frozenset()
    known = demonyms()
    written = [fold(w) for w in WORD.findall(query.focus)]
    qualifying = {w for w, then in itertools.pairwise(written) if then in known}
    return frozenset(
        k
        for word in map(fold, capitalised)
        if word not in known and word not in qualifying and (k := key(word)) in weights
    )


def _one_holder_asked(
    query: Query, weights: dict[str, float]
) -> tuple[tuple[str, frozenset[str]], ...]:
    """ "Who is the science minister?", "Who was X's chairman?": the role titles a "who is"
    question writes in the singular, each asking for the one person holding it, with the
    keys of the content words right before it that qualify it (not names: "Kazakh")."""
    if query.qtype != "who":
        return ()
    tokens = words(query.focus)
    if len(tokens) < 3 or tokens[1] not in COPULAS:
        return ()
    found = []
    for n, token in enumerate(tokens[2:], start=2):
        if RELATION_CUES.get(key(token)) != "role" or token.endswith("s"):
            continue
        qualifiers = itertools.takewhile(lambda w: w not in STOPWORDS, reversed(tokens[2:n]))
        found.append((token, frozenset(k for w in qualifiers if (k := key(w)) in weights)))
    return tuple(found)


def _names_a_holder(
    fact: FactRow, titles: tuple[tuple[str, frozenset[str]], ...], held: set[str]
) -> bool:
    """Whether the fact itself writes each role title asked of one holder in the singular,
    or records that role, and holds the words qualifying it: "the views of ministers in the
    DfES" names no minister, nor does a quote beside it; "Finance minister X" is no science
    minister."""
    written = set(words(fact.excerpt))
    roles = [keys(value) for rtype, _s, _o, value in fact.relations if rtype == "role"]
    return all(
        qualifiers <= held and (title in written or any(key(title) in r for r in roles))
        for title, qualifiers in titles
    )


def _asks_past(query: Query) -> bool:
    """ "When did X join Y?", "When was X founded?": asked of what has happened."""
    tokens = words(query.focus)
    return "when" in tokens[:2] and bool(PAST_AUXILIARIES.intersection(tokens[1:3]))


def _only_hypothetical_time(excerpt: str) -> bool:
    """Whether every time the excerpt gives is that of something that would or could happen:
    "If they ..., all three countries could be members within a year" says nothing of when
    they joined."""
    if not MODAL.search(excerpt):
        return False
    times = list(TEMPORAL.finditer(excerpt))
    if not times:
        return False
    for time in times:
        clause = CLAUSE_BREAK.split(excerpt[: time.start()])[-1]
        if not MODAL.search(clause):
            return False
    return True


def _only_nearly(excerpt: str, predicate: dict[str, float]) -> bool:
    """ "When did Elan go bankrupt?" is not answered by "brought the group close to
    bankruptcy": every word of the predicate the excerpt writes comes right after "close
    to", "near", "the brink of", "almost" ..., so what was asked did not happen."""
    if not NEARLY_WORD.search(excerpt):
        return False  # most facts: no tokens to read
    tokens = words(excerpt)
    said = [n for n, token in enumerate(tokens) if key(token) in predicate]
    return bool(said) and all(
        NEARLY.intersection(tokens[max(0, n - NEARLY_REACH) : n]) for n in said
    )


def _stranded_phrase(text: str) -> tuple[str, frozenset[str]]:
    """ "What did X die of?": the key of the verb before the final preposition, and the
    prepositions that complete it as the question does ("of" a cause is as often "from")."""
    tokens = words(text)
    at = _before_stranded_preposition(tokens)
    if at < 0 or tokens[at] in STOPWORDS:
        return "", frozenset()
    last = tokens[-1]
    return key(tokens[at]), CAUSE_PREPOSITIONS if last in CAUSE_PREPOSITIONS else frozenset({last})


def _completes(excerpt: str, verb: str, prepositions: frozenset[str]) -> bool:
    """Whether the excerpt writes the verb followed, a few words on, by the preposition the
    question leaves stranded: "died on 23 January from emphysema" answers "die of", where
    "When X died, Y led the tributes" only says that he died."""
    tokens = words(excerpt)
    return any(
        key(word) == verb and prepositions.intersection(tokens[n + 1 : n + 1 + STRANDED_SPAN])
        for n, word in enumerate(tokens)
    )


def _bigrams(text: str) -> set[tuple[str, str]]:
    """Pairs of the question's content words written side by side, an article or a
    possessive "s" between them at most: "the Taliban do after the deal" pairs nothing, so
    a fact's "US-Taliban deal" is no phrase of it."""
    pairs: set[tuple[str, str]] = set()
    previous = ""
    for word in words(text):
        if word in PHRASE_BRIDGES:
            continue
        if word in STOPWORDS:
            previous = ""
            continue
        k = key(word)
        if previous:
            pairs.add((previous, k))
        previous = k
    return pairs


def _paraphrased_pairs(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Each pair a fact may write for one the question writes, either word in a synonym's
    place ("television station" for "tv station"), mapped to the question's pair."""
    met: dict[tuple[str, str], tuple[str, str]] = {}
    for first, then in wanted:
        for a in (first, *synonyms(first)):
            for b in (then, *synonyms(then)):
                met.setdefault((a, b), (first, then))
    return met


def _time_clauses(text: str) -> set[tuple[str, str]]:
    return {(m[0].lower(), key(fold(m[1]))) for m in TIME_CLAUSE.findall(text)}


def _phrase_rerank(
    scored: list[Scored], query: Query, subjects: frozenset[str] = frozenset()
) -> list[Scored]:
    """Among the best few, prefer facts that hold the question's words side by side
    ("Russian-speaking country"), not just somewhere in the sentence. A name right before
    the asked word counts twice: "Obama ended" has Obama do it, where "Obama's expressed
    desire to end" has the same words apart."""
    wanted = _bigrams(query.focus)
    clauses = _time_clauses(query.focus)
    verb, prepositions = _stranded_phrase(query.focus)
    if not (wanted or clauses or verb) or not scored:
        return scored
    met = _paraphrased_pairs(wanted)
    head = scored[:PHRASE_RERANK]
    at_hand = {s.fact.ordinal: s.fact for s in head}
    for s in head:
        if clauses and clauses & _time_clauses(s.fact.excerpt):
            s.score += TIME_CLAUSE_BONUS
        if verb and _completes(s.fact.excerpt, verb, prepositions):
            s.score += COMPLETION_BONUS
        held = {met[pair] for pair in itertools.pairwise(s.fact.key_order) if pair in met}
        # "They have a common goal ..." after "... Central Asian Salafi-Jihadi groups ...":
        # a sentence leaning on the one before has its subject's words there
        before = at_hand.get(s.fact.ordinal - 1) if s.fact.antecedents else None
        if before is not None and before.source == s.fact.source:
            held |= {met[pair] for pair in itertools.pairwise(before.key_order) if pair in met}
        doer = any(first in subjects and then not in subjects for first, then in held)
        s.score += PHRASE_BONUS * (min(len(held), 3) + doer)
    head.sort(key=lambda s: (-s.score, s.fact.ordinal))
    return head + scored[PHRASE_RERANK:]


class Ranker:
    def __init__(self, index: Index, names: Names) -> None:
        self.index = index
        self.names = names
        self.total = max(index.fact_count, 1)
        self.title_keys = {
            source: frozenset(keys(title)) for source, title, _path, _n in index.sources()
        }
        self.title_ends = {source: len(title) for source, title, _path, _n in index.sources()}

    def weight(self, df: int | None) -> float:
        """BM25's IDF; a word absent from every fact counts at UNKNOWN_WORD_WEIGHT of the rarest."""
        if not df:
            return UNKNOWN_WORD_WEIGHT * math.log((self.total + 0.5) / 0.5 + 1)
        return math.log((self.total - df + 0.5) / (df + 0.5) + 1)

    def _is_proper(self, mention: Mention, mixed_case: bool) -> bool:
        """A person, group or place; or any name the user wrote capitalised ("Erdogan")."""
        kinds = {
            self.names.entities[i].kind for i in mention.entity_ids if i in self.names.entities
        }
        if kinds - {"other"}:
            return True
        words = mention.text.split()
        return mixed_case and all(
            w[:1].isupper() or w[:1].isdigit() or (0 < n < len(words) - 1 and w in STOPWORDS)
            for n, w in enumerate(words)  # "Belt and Road Initiative" is written as a name
        )

    def _search(self, terms: list[str], frequencies: dict[str, int]) -> dict[int, float]:
        """FTS candidates, bounded: facts holding every term, then every term but the most
        frequent, and so on; if still too few, any of the rarer terms.

        FTS5 ranks every fact a query matches, so an OR over words like "economy" costs
        milliseconds at 100k facts: the OR query takes terms only up to a posting budget,
        and a term alone above it is read unranked. Rescoring still counts every word.
        """
        known = sorted(
            dict.fromkeys(t for t in terms if frequencies.get(t)), key=lambda t: frequencies[t]
        )
        found: dict[int, float] = {}
        enough = FTS_CANDIDATES // 4
        for size in range(len(known), 1, -1):
            for ordinal, score in self.index.search(known[:size], FTS_CANDIDATES, every=True):
                found.setdefault(ordinal, score)
            if len(found) >= enough:
                return found
        chosen, postings = [], 0
        for term in known:
            if postings + frequencies[term] > POSTING_BUDGET:
                break
            chosen.append(term)
            postings += frequencies[term]
        if chosen:
            hits = self.index.search(chosen, FTS_CANDIDATES)
        elif known:
            hits = self.index.search(known[:1], FTS_CANDIDATES, ranked=False)
        else:
            hits = []
        for ordinal, score in hits:
            found.setdefault(ordinal, score)
        return found

    def rank(self, query: Query, mentions: list[Mention]) -> Ranking:
        mentions = _without_counted_noun(query, mentions)
        # A proper name (person, group, place) must be in the answer; a looser "other" name
        # ("Central Asian states") may be paraphrased, so its words count as content words.
        mixed_case = query.focus != query.focus.lower()
        proper = [m for m in mentions if self._is_proper(m, mixed_case)]
        content = content_keys(query, proper)
        agent_verb = _agent_verb_asked(query, content)
        light_only: frozenset[str] = frozenset()
        if content and max(content.values()) <= LIGHT_WORD_WEIGHT:
            # "What happened to X?", "When will X take place?", "How much is X worth?": no
            # predicate to cover; any fact about X holding the kind of answer asked answers,
            # a fact saying the light verb itself ("styled himself") best.
            light_only = frozenset(content)
            content = {}
        future = query.qtype == "when" and bool(NEXT.search(query.focus))
        if future:  # "next" is then checked as a tense: "is set for May" says it
            content = {k: w for k, w in content.items() if k not in NEXT_KEYS}
        entity_ids = [i for m in mentions for i in m.entity_ids[:3]]
        named = [
            self.names.entities[i]
            for m in mentions
            for i in m.entity_ids[:1]
            if i in self.names.entities
        ]
        # The names as the fact base writes them, so a misspelt name still finds its facts.
        name_keys = [k for e in named for k in (e.key_sets[0] if e.key_sets else ())]
        name_keys += [k for m in mentions for k in keys(m.text)]
        frequencies = self.index.document_frequencies([*content, *name_keys])
        weights = {k: m * self.weight(frequencies.get(k)) for k, m in content.items()}
        # A capitalised word the documents never use names something they do not cover.
        unknown_names = [k for k in capitalised_keys(query, proper) if not frequencies.get(k)]
        # "What is KIB?", and "What is a pollero?" (one word, glossed where it is used)
        definition = (
            query.definition
            and not query.measure
            and ((not content and bool(mentions)) or (len(content) == 1 and not mentions))
        )
        origin = query.qtype == "where" and bool(ORIGIN_QUESTION.match(query.focus))
        wanted = _relations_wanted(query, definition=definition, origin=origin)

        bm25 = self._search([*content, *name_keys], frequencies)
        ordinals = list(bm25)
        # Every fact of a rarely mentioned entity; a common one is reached through FTS.
        small = [e.id for e in named if e.facts <= ENTITY_CANDIDATES]
        of_entities = self.index.facts_of_entities(small, ENTITY_CANDIDATES)
        ordinals += of_entities
        if wanted:
            ordinals += self.index.facts_with_relations(entity_ids, wanted, RELATION_CANDIDATES)
        # The sentences right after an entity's own, when their subject refers back ("The
        # 21-year-old told ..." after "Ahmed 'Mido' Hossam has ..."): about the entity without
        # naming it, so neither FTS nor the entity's tags reach them. Fetched in the same query.
        facts = self.index.facts(ordinals, leaning=[o + 1 for o in of_entities])
        best_bm25 = max(bm25.values(), default=0.0) or 1.0

        asked = [
            [self.names.entities[i] for i in m.entity_ids if i in self.names.entities]
            for m in proper
        ]
        attributes = attribute_questions(query, proper, self.names.entities)
        descriptors = _descriptors(facts, asked)
        if descriptors:
            facts += self._describing(facts, of_entities, descriptors)
        # Topics stand in only for questions asking enough, or for "the P of X".
        needs_topics = bool(asked) and (
            _evidence(len(weights), len(asked) - 1, query.measure) >= TOPIC_WORDS - 1
            or bool(attributes)
        )
        ask = Asked(
            qtype=query.qtype,
            entities=asked,
            entity_ids={e.id for group in asked for e in group},
            weights=weights,
            wanted=wanted,
            definition=definition,
            names_typed=tuple(m.text for m in proper),
            predicate={k: weights[k] for k, m in content.items() if m >= 1.0},
            attributes=attributes,
            counted=counted_key(query) if query.qtype == "how_many" else "",
            origin=origin,
            abbreviation=query.abbreviation,
            openers=tuple(n for group in asked for e in group for n in (e.name, *e.aliases) if n),
            measure=query.measure,
            # "Who won X?": the answer is who did it, so the fact must say it was done.
            agent_verb=agent_verb if content.get(agent_verb, 0.0) >= 1.0 else "",
            future=future,
            past=query.qtype == "when" and _asks_past(query),
            topics=_topics(facts, set(small)) if needs_topics else {},
            modifiers=_modifiers(query) if attributes else {},
            heads=_name_heads(query, proper) if needs_topics else {},
            leads=(
                bool(asked)
                and not attributes
                and RELATION_CUES.get(query.agent_verb) == "leader"
                and "leader" in query.relations
                and content.get(query.agent_verb, 0.0) >= 1.0
            ),
            titles=(titles := _titles_of_place(query.qtype, weights, asked)),
            holder=query.qtype == "who" and bool(attributes or titles),
            present=bool(attributes) and _asks_present_holder(query),
            places=query.qtype == "where" and _asks_which_place(query),
            descriptors=descriptors,
            nearby={f.ordinal: f for f in facts} if descriptors else {},
            verbs=_progressive_keys(query, weights),
            unlisted=_unlisted_names(query, proper, weights),
            one_holder=_one_holder_asked(query, weights),
            wholes=_wholes_asked(query, proper),
        )
        scored = [self._score(f, ask, bm25.get(f.ordinal, 0.0) / best_bm25) for f in facts]
        if light_only:
            for s in scored:
                if any(k in s.fact.keys or synonyms(k) & s.fact.keys for k in light_only):
                    s.score += LIGHT_MATCH_BONUS
        _questions_last(scored)
        scored.sort(key=lambda s: (-s.score, s.fact.ordinal))
        subjects = frozenset(ks[-1] for m in proper if (ks := keys(m.text)))
        scored = _phrase_rerank(scored, query, subjects)
        if "leader" in ask.wanted:
            scored = self._rank_leaders(scored, ask)
        if unknown_names:
            for s in scored:
                s.answers = False
        return self._select(scored, proper, list(content), query.qtype, which_place=ask.places)

    def _score(self, fact: FactRow, ask: Asked, bm25: float) -> Scored:
        s = Scored(fact)
        s.relation, matched = self._relation_fit(fact, ask)
        if ask.qtype in NEEDS_VALUE:
            matched = set()  # a relation names who or where, never when or how many
        if ask.definition and s.relation >= 1.0 and "former_name" not in matched:
            s.relation = 0.7  # "What is X?" is answered best by what X was called
        s.coverage, held_keys = self._coverage(fact, ask.weights, matched, ask.verbs)
        through_pronoun = role_from_topic = False
        if ask.entities:
            hits = 0
            named = [
                any(self.names.mentions(e, fact.entities, fact.keys) for e in group)
                for group in ask.entities
            ]
            # What the fact must say besides an unnamed topic: the question's words, its
            # other names, and the measure asked ("how long": a duration, checked later).
            evidence = _evidence(len(ask.weights), sum(named), ask.measure)
            for group, is_named in zip(ask.entities, named, strict=True):
                if is_named:
                    hits += 1
                elif (
                    _predicate_coverage(ask, held_keys, s.coverage) >= TOPIC_COVERAGE - 1e-9
                    and (
                        evidence >= TOPIC_WORDS
                        # "invited a delegation ... to visit the country": a definite
                        # description of the topic's kind counts as evidence of it
                        or (
                            evidence >= TOPIC_WORDS - 1
                            and (
                                _describes(fact.excerpt, group)
                                or _the_head_asked(fact.excerpt, group, ask.heads)
                            )
                        )
                    )
                    and any(fact.source in ask.topics.get(e.id, ()) for e in group)
                    and not self._names_another(fact, group)
                ):
                    # "Agriculture Minister X said ... 180,000 tonnes this year" in an article
                    # about Nigeria, "A British terror suspect held in Guantanamo Bay for 33
                    # months ..." leading a story about Mubanga: the topic goes unnamed; only
                    # a fact saying all else asked, with no other name in the topic's place.
                    hits += 1
                    through_pronoun = True
                elif ask.attributes and _role_of_neighbour(fact, ask, group):
                    hits += 1  # "coach Hassan Shehata" in an article about Egypt
                    through_pronoun = True
                    if not _named_beside(fact, group):
                        role_from_topic = True
                elif (
                    (fact.antecedents and any(self._referred_to(e, fact) for e in group))
                    or (s.coverage >= MIN_COVERAGE and self._described(fact, group, ask))
                    or ("quote" in matched and _named_around(fact, group))
                    # "Tony Blair called him a giant" after a sentence on Callaghan
                    or self._object_pronoun_for(fact, group, ask)
                ):
                    # "During his visit, he concluded ..." after "Erdogan visited"; "a bet of
                    # £870 on the 39-year-old actor" after "Scott ..."; '"I think it's a good
                    # idea," said Nick Ross' after a sentence on the Mac mini: what a speaker
                    # asked about talks of is what the sentences around the quote name
                    hits += 1
                    through_pronoun = True
                elif ask.wholes and self._names_a_part(fact, group, ask.wholes):
                    hits += 1  # "a United Nations General Assembly vote" for "Which UN body"
                elif self._titled(fact, ask, group, held_keys):
                    # "... oppose the bill when it is debated" under "Howard denies split
                    # over ID cards": the title names what the sentence leaves implicit.
                    hits += 1
                    through_pronoun = True
                    s.coverage = 1.0
                    held_keys = set(ask.weights)
            s.entity_share = hits / len(ask.entities)
        else:
            s.entity_share = 1.0
        s.type_fit = self._type_fit(fact, ask.qtype, ask.entity_ids, ask.measure)
        if "employment" in matched:
            s.type_fit = 1.0  # "Where does X work?": the employer is the answer's place
        origin = ask.origin and self._origin_named(fact, ask.entity_ids)
        if origin:
            s.type_fit = 1.0
        prior = self._prior(fact, ask, through_pronoun=through_pronoun, origin=origin)
        if role_from_topic:
            prior -= TOPIC_ROLE_PENALTY
        if ask.definition:
            s.relation = max(s.relation, _definition_fit(fact, ask))
        s.score = (
            s.coverage
            + 0.5 * s.entity_share
            + (1.0 if ask.definition else 0.35) * s.relation
            + 0.2 * s.type_fit
            + 0.25 * bm25
            + prior
        )
        # The names asked must all be in the fact; of three or more, two thirds.
        needed_entities = 1.0 if len(ask.entities) <= 2 else 0.66
        s.answers = (
            s.entity_share >= needed_entities - 1e-9
            and s.coverage >= MIN_COVERAGE
            and (s.type_fit >= 0.5 or (s.relation >= 1.0 and ask.qtype not in NEEDS_VALUE))
            and (not ask.holder or s.type_fit >= 1.0)
            and (not ask.places or s.type_fit >= PLACE_NAMED)
            # read only for a fact passing the cheaper tests: a regex over the excerpt
            and (not ask.measure or holds_measure(ask.measure, fact.excerpt))
            and not (ask.measure == "old" and _ages_of_another(fact.excerpt, ask.openers))
            and _holds_predicate(ask, held_keys, fact, quoting="quote" in matched)
            and (not ask.unlisted or self._writes_unlisted(fact, ask.unlisted, held_keys))
            and (not ask.one_holder or _names_a_holder(fact, ask.one_holder, held_keys))
            and (not ask.agent_verb or _says(fact, ask.agent_verb, held_keys))
            and (not ask.leads or "leader" in matched or self._leads_asked(fact, ask))
            and (not ask.future or bool(FUTURE.search(fact.excerpt)))
            and not (ask.past and _only_hypothetical_time(fact.excerpt))
            and not (ask.past and _only_nearly(fact.excerpt, ask.predicate))
            and self._counts_what_was_asked(s, ask)
            and not (ask.counted and self._one_of_a_list(fact, ask))
            and not (ask.titles and _titles_of_another(fact.excerpt, ask.titles, ask.entities[0]))
            and not (ask.titles and _offices_only(fact.excerpt, ask.titles))
            and not (ask.present and _not_held_now(fact.excerpt, ask.attributes))
            and all(
                _ties(fact, attribute, group, possessive)
                or self._relation_names(fact, attribute, group)
                or (
                    fact.antecedents
                    and attribute in fact.context_keys
                    and any(self._referred_to(e, fact) for e in group)
                )
                or self._owned_by_pronoun(fact, attribute, group, ask.topics)
                or self._owned_by_description(fact, attribute, group)
                or (attribute in ANY_ROLE_CUES and "role" in matched)
                or _role_of_neighbour(fact, ask, group)
                for attribute, group, possessive in ask.attributes
            )
        )
        return s

    def _writes_unlisted(self, fact: FactRow, unlisted: frozenset[str], held: set[str]) -> bool:
        """Whether the fact, its story's title or one of the few sentences before it writes
        every name asked that no entity holds: "Who edits The Guardian?" is not answered by
        another paper's editor; "Looking ahead to the quarter-final, Jol said" answers "Who
        will Tottenham face?" three sentences after "Tottenham manager Martin Jol"."""
        missing = unlisted - held - fact.context_keys - self.title_keys.get(fact.source, set())
        if not missing:
            return True
        before = self.index.facts(range(fact.ordinal - UNLISTED_WITHIN, fact.ordinal))
        return missing <= {k for f in before if f.source == fact.source for k in f.keys}

    @staticmethod
    def _leads_asked(fact: FactRow, ask: Asked) -> bool:
        """ "Who leads KTJ?" is not answered by "KTJ jihadists lionize the Taliban's deputy
        leader": the leader word must be tied to a name asked, as "the leader of X" is."""
        return any(_ties(fact, LEADER_KEY, tuple(group), False) for group in ask.entities)

    def _rank_leaders(self, scored: list[Scored], ask: Asked) -> list[Scored]:
        """ "Who leads the Taliban?": "Mullah Omar, the Taliban's leader" is as much a leader
        relation as "Taliban leader Haibatullah Akhunzada", but the documents call Omar the
        "former Amir" elsewhere; a leader they call former anywhere ranks below the others.
        Among leaders left level, the one the documents name as leader most often comes first
        (KIB's Syrian-wing leader, named so three times, before its Afghan-wing leader)."""
        head = scored[:PHRASE_RERANK]
        leaders_of = {
            id(s): {
                obj
                for rtype, subject, obj, _value in s.fact.relations
                if rtype == "leader" and subject in ask.entity_ids and obj is not None
            }
            for s in head
        }
        named_as_leader = Counter(p for leaders in leaders_of.values() for p in leaders)
        former: dict[str, bool] = {}
        for s in head:
            leaders = leaders_of[id(s)]
            if not s.answers or not leaders:
                continue
            if all(self._called_former(p, former) for p in leaders):
                s.score -= FORMER_LEADER_PENALTY
            s.score += LEADER_CONSENSUS_BONUS * min(
                max(named_as_leader[p] for p in leaders) - 1, LEADER_CONSENSUS_CAP
            )
        head.sort(key=lambda s: (-s.score, s.fact.ordinal))
        return head + scored[PHRASE_RERANK:]

    def _called_former(self, person: str, known: dict[str, bool]) -> bool:
        if person not in known:
            info = self.names.entities.get(person)
            names = [info.name, *info.aliases] if info is not None else []
            ordinals = self.index.facts_of_entities([person], ENTITY_CANDIDATES)
            known[person] = any(
                _former_title_near(fact.excerpt, names) for fact in self.index.facts(ordinals)
            )
        return known[person]

    def _prior(self, fact: FactRow, ask: Asked, *, through_pronoun: bool, origin: bool) -> float:
        """Small preferences that break ties between facts that answer equally well."""
        prior = 0.01 * min(len(fact.entities), 5) + (0.02 if _relates_asked(fact, ask) else 0.0)
        if ask.openers and self._opens_with_asked(fact.excerpt, ask):
            prior += SUBJECT_BONUS  # "KIB operates in ...": about it, not in passing
        if origin:
            prior += ORIGIN_BONUS
        if len(fact.excerpt) > 400:
            prior -= 0.05
        if through_pronoun:
            prior -= ANTECEDENT_PENALTY
        return prior

    @staticmethod
    def _opens_with_asked(excerpt: str, ask: Asked) -> bool:
        opening = excerpt[4:] if excerpt.startswith("The ") else excerpt
        return opening.startswith(ask.openers)

    def _object_pronoun_for(self, fact: FactRow, group: Sequence[EntityInfo], ask: Asked) -> bool:
        """Whether "him"/"her" in the fact stands for the person asked: named in the sentence
        before, while the fact names no person but those the question asks about."""
        if not any(e.kind == "person" for e in group) or not _named_beside(fact, group):
            return False  # a neighbour's words first: no pattern, no query, for most facts
        if not OBJECT_PRONOUN.search(fact.excerpt):
            return False
        before = self.index.facts([fact.ordinal - 1])
        if not before or before[0].source != fact.source:
            return False
        if not any(self.names.mentions(e, before[0].entities, before[0].keys) for e in group):
            return False
        return not any(
            (info := self.names.entities.get(e)) is not None and info.kind == "person"
            for e in fact.entities
            if e not in ask.entity_ids
        )

    def _names_another_of_kind(self, fact: FactRow, group: Sequence[EntityInfo]) -> bool:
        """Whether the fact names another entity of the kind of the one asked."""
        ids, kinds = {e.id for e in group}, {e.kind for e in group}
        return any(
            (info := self.names.entities.get(e)) is not None and info.kind in kinds
            for e in fact.entities
            if e not in ids
        )

    def _names_another(self, fact: FactRow, group: Sequence[EntityInfo]) -> bool:
        """Whether the fact names a person when the topic is one: then it is about them."""
        if not any(e.kind == "person" for e in group):
            return False
        ids = {e.id for e in group}
        return any(
            (info := self.names.entities.get(e)) is not None and info.kind == "person"
            for e in fact.entities
            if e not in ids
        )

    def _names_a_part(
        self, fact: FactRow, group: Sequence[EntityInfo], wholes: frozenset[str]
    ) -> bool:
        """Whether the fact names an organization whose initials begin with the acronym asked
        a part of: "United Nations General Assembly" for "UN"."""
        wanted = [e for e in group if e.id in wholes]
        return any(
            info.kind in ("organization", "other") and _extends(e, info.name)
            for entity_id in fact.entities
            if (info := self.names.entities.get(entity_id)) is not None
            for e in wanted
        )

    def _titled(
        self, fact: FactRow, ask: Asked, group: Sequence[EntityInfo], held_keys: set[str]
    ) -> bool:
        """Whether the fact's document title names the entity and, with the fact, holds every
        word asked: the fact must say the rest itself, at least TITLE_PREDICATE words of it."""
        if len(ask.weights) < TOPIC_WORDS or len(held_keys) < TITLE_PREDICATE:
            return False
        title = self.title_keys.get(fact.source, frozenset())
        if not all(k in title for k in ask.weights if k not in held_keys):
            return False
        return any(self.names.mentions(e, (), title) for e in group)

    def _headline(self, fact: FactRow) -> frozenset[str]:
        """The title's keys for the story's first sentence, right under it; none for others."""
        if fact.start > self.title_ends.get(fact.source, -LEDE_SLACK) + LEDE_SLACK:
            return frozenset()
        return self.title_keys.get(fact.source, frozenset())

    def _describing(
        self, facts: list[FactRow], of_entities: list[int], descriptors: dict[str, frozenset[str]]
    ) -> list[FactRow]:
        """The sentences a little after an entity's own that write one of its nouns ("on the
        39-year-old actor"): neither FTS nor the entity's tags reach them."""
        have = {f.ordinal for f in facts}
        after = [o + n for o in of_entities for n in range(1, DESCRIBED_WITHIN + 1)]
        nouns = frozenset().union(*descriptors.values())
        return self.index.facts_writing((o for o in after if o not in have), nouns)

    def _described(self, fact: FactRow, group: Sequence[EntityInfo], ask: Asked) -> bool:
        """Whether the fact writes "the (...) <noun>" for a name the documents write with that
        noun ("actor Dougray Scott", "the Ebola pandemic"), named in one of the
        DESCRIBED_WITHIN sentences before it: "the 39-year-old actor" is then that person,
        not one named later."""
        if not ask.descriptors:
            return False
        nouns = frozenset().union(*(ask.descriptors.get(e.id, frozenset()) for e in group))
        if not any(n in fact.excerpt for n in nouns) or not _writes_the_noun(fact.excerpt, nouns):
            return False
        before = range(fact.ordinal - DESCRIBED_WITHIN, fact.ordinal)
        missing = [o for o in before if o not in ask.nearby]
        if missing:
            ask.nearby.update(dict.fromkeys(missing))
            ask.nearby.update((f.ordinal, f) for f in self.index.facts(missing))
        return any(
            other.source == fact.source and self.names.mentions(e, other.entities, other.keys)
            for other in (ask.nearby.get(o) for o in before)
            if other is not None
            for e in group
        )

    def _owned_by_pronoun(
        self,
        fact: FactRow,
        attribute: str,
        group: tuple[EntityInfo, ...],
        topics: dict[str, frozenset[str]],
    ) -> bool:
        """ "Asked for his worst memory, he said: ..." after a sentence naming Beckham: "his"
        before the attribute (perhaps one qualifier between) stands for the owner asked when
        the sentence refers to them, or the story is about them ("the company said it was
        halving its dividend" in a story on Marsh), without naming anyone else it may stand
        for."""
        ids = {e.id for e in group}
        if not group or not (
            ids & set(fact.entities)
            or any(self._referred_to(e, fact) for e in group)
            or (
                any(fact.source in topics.get(e.id, ()) for e in group)
                and not self._names_another_of_kind(fact, group)
            )
        ):
            return False
        excerpt = fact.excerpt.lower()
        if any(n.lower() in excerpt for e in group for n in (e.name, *e.aliases) if n):
            return False  # the owner is written: how near the attribute is _ties's to judge
        if any(
            (info := self.names.entities.get(e)) is not None and info.kind == "person"
            for e in fact.entities
            if e not in ids
        ):
            return False
        # "his" stands for a person, "its" for a place or an organization
        pronouns = PERSONAL_POSSESSIVES if group[0].kind == "person" else THING_POSSESSIVES
        tokens = words(fact.excerpt)
        wanted = {attribute} | synonyms(attribute)
        for p, token in enumerate(tokens):
            if key(token) not in wanted:
                continue
            if p > 0 and tokens[p - 1] in pronouns:
                return True
            if p > 1 and tokens[p - 2] in pronouns and tokens[p - 1] not in STOPWORDS:
                return True
        return False

    def _owned_by_description(
        self, fact: FactRow, attribute: str, group: tuple[EntityInfo, ...]
    ) -> bool:
        """ "The rescue program designed to keep Greece from crashing ... has raised the
        country's debt-to-GDP ratio": "the country's P" is Greece's P when Greece is the only
        place the sentence names (a company's, the only organization)."""
        named = [e for e in group if e.id in fact.entities]
        if not named:
            return False
        kind = named[0].kind
        nouns = OWNER_DESCRIPTIONS.get(kind)
        if nouns is None or any(
            (info := self.names.entities.get(e)) is not None and info.kind == kind
            for e in fact.entities
            if e not in {g.id for g in group}
        ):
            return False
        tokens = words(fact.excerpt)
        wanted = {attribute} | synonyms(attribute)
        for p, token in enumerate(tokens):
            if key(token) not in wanted:
                continue
            # "the country's ratio", "the firm's new chief"
            for owner in (p - 2, p - 3):
                if (
                    owner >= 1
                    and tokens[owner] in nouns
                    and tokens[owner - 1] == "the"
                    and tokens[owner + 1] == "s"
                    and (owner == p - 2 or tokens[p - 1] not in STOPWORDS)
                ):
                    return True
        return False

    def _referred_to(self, entity: EntityInfo, fact: FactRow) -> bool:
        """What a fact's pronoun or definite subject may stand for: an entity of the sentence
        before, or one whose name is part of such an entity's ("Tears of the Sun" in a
        compiled "Tears of the Sun Willis")."""
        if entity.id in fact.antecedents:
            return True
        for other in fact.antecedents:
            info = self.names.entities.get(other)
            if info is not None and any(
                ks <= theirs for ks in entity.key_sets for theirs in info.key_sets
            ):
                return True
        return False

    @staticmethod
    def _counts_what_was_asked(s: Scored, ask: Asked) -> bool:
        """ "How many deals": a number before "deals" (or a synonym) answers best, and
        earns a bonus; a number before another word of the question will do; a number
        elsewhere ("the 2022 report", "worth 40 million euros" for "how many fish") not.
        Run only for a fact that passes every cheaper test: it reads the excerpt's words."""
        if ask.measure and _measure_before(s.fact.excerpt, ask.measure, ask.predicate):
            s.score += MEASURE_BONUS  # a bonus only: the measure may be written elsewhere
        if not ask.counted:
            return True
        if _counts(s.fact, {ask.counted} | synonyms(ask.counted)):
            s.score += COUNT_BONUS
            return True
        # "uprooted at least 1.7 million Chinese": a people's name counts persons
        if ask.counted in DWELLERS and _counts(s.fact, _peoples()):
            s.score += COUNT_BONUS
            return True
        return _counts(s.fact, set(ask.predicate))

    def _one_of_a_list(self, fact: FactRow, ask: Asked) -> bool:
        """ "How many fighters does KTJ have?" is not answered by a count after a list
        ("Jamaat Ansarullah, KTJ, IJU, KIB and the IMU. Approximately 400 foreign terrorist
        fighters ..."): the one name asked, written in a list of others of its kind, shares
        the count with them."""
        if len(ask.entities) != 1:
            return False
        group = ask.entities[0]
        ids, kinds = {e.id for e in group}, {e.kind for e in group}
        others = [
            info
            for entity_id in fact.entities
            if entity_id not in ids
            and (info := self.names.entities.get(entity_id)) is not None
            and info.kind in kinds
        ]
        if len(others) < 2:
            return False
        spans = sorted(
            (m.start(), m.end(), e.id in ids)
            for e in (*group, *others)
            for name in filter(None, (e.name, *e.aliases))
            for m in re.finditer(rf"\b{re.escape(name)}\b", fact.excerpt)
        )
        for (_, end, first_asked), (start, _, second_asked) in itertools.pairwise(spans):
            if first_asked != second_asked and LIST_JOIN.fullmatch(fact.excerpt[end:start]):
                return True
        return False

    @staticmethod
    def _relation_names(fact: FactRow, attribute: str, group: tuple[EntityInfo, ...]) -> bool:
        """A relation of the asked type between the name and something: "leader of X"."""
        rtype = RELATION_CUES.get(attribute)
        ids = {e.id for e in group}
        return rtype is not None and any(
            r[0] == rtype and (r[1] in ids or r[2] in ids) for r in fact.relations
        )

    def _coverage(
        self,
        fact: FactRow,
        weights: dict[str, float],
        matched: set[str],
        verbs: frozenset[str] = frozenset(),
    ) -> tuple[float, set[str]]:
        """The IDF-weighted share of the question's content words the fact holds, and
        which of them the fact itself holds.

        A relation of the asked type stands in for the words that asked for it ("belong to"
        is answered by a member relation whatever the wording); a word found only in the
        neighbouring sentences counts CONTEXT_WEIGHT, and one only in the title of a story
        whose first sentence this is, HEADLINE_WEIGHT.
        """
        total = sum(weights.values())
        if not total:
            return 1.0, set()
        headline: frozenset[str] | None = None  # read only when a word is not held
        held = 0.0
        held_keys: set[str] = set()
        for k, w in weights.items():
            here = self._held(k, w, fact, matched)
            if here and k in verbs and _only_as_agent(k, fact.excerpt):
                here = min(here, SYNONYM_CREDIT * w)
            if here:
                held += here
                held_keys.add(k)
            elif k in (headline := self._headline(fact) if headline is None else headline):
                held += HEADLINE_WEIGHT * w
                held_keys.add(k)
            elif k in fact.context_keys:
                held += CONTEXT_WEIGHT * w
        return held / total, held_keys

    @staticmethod
    def _held(k: str, weight: float, fact: FactRow, matched: set[str]) -> float:
        if k in fact.keys:
            return weight
        if synonyms(k) & fact.keys:  # "talk" met by "telephone call", "deals" by "agreements"
            return SYNONYM_CREDIT * weight
        rtype = RELATION_CUES.get(k)
        if rtype is None:
            return 0.0
        if rtype in matched:
            return weight
        cues = CUES_BY_TYPE.get(rtype, frozenset())
        if cues & fact.keys or (rtype == "quote" and QUOTE_MARKS.search(fact.excerpt)):
            return SYNONYM_CREDIT * weight
        return 0.0

    def _relations_read(self, fact: FactRow, ask: Asked) -> set[str]:
        """The relations asked that the compiler does not record, read off the excerpt."""
        read = set()
        if "employment" in ask.wanted and self._employment_tie(fact, ask.entity_ids):
            read.add("employment")
        if "ownership" in ask.wanted and self._owner_written(fact, ask.entity_ids):
            read.add("ownership")
        # "What is Jim Lanzone's position?": "Jim Lanzone, vice president of search properties
        # at Ask Jeeves, said ...": a person written with an employer holds a role there
        if _any_role_asked(ask) and self._role_at_employer(fact, ask.entity_ids):
            read.add("role")
        return read

    def _owner_written(self, fact: FactRow, asked_ids: set[str]) -> bool:
        """ "Silvio Berlusconi's MediaSet conglomerate": a person or an organization written
        with a possessive right before a name asked (one word between at most) owns it."""
        owners, owned = [], []
        for entity_id in fact.entities:
            info = self.names.entities.get(entity_id)
            if info is None:
                continue
            if entity_id in asked_ids:
                owned.append(info)
            elif info.kind in ("person", "organization"):
                owners.append(info)
        return any(
            re.search(
                rf"\b{re.escape(name)}['’]s\s+(?:[\w-]+\s+)?{re.escape(thing)}\b", fact.excerpt
            )
            for owner in owners
            for name in filter(None, (owner.name, *owner.aliases))
            for item in owned
            for thing in filter(None, (item.name, *item.aliases))
        )

    def _role_at_employer(self, fact: FactRow, asked_ids: set[str]) -> bool:
        """ "Jim Lanzone, vice president of search properties at Ask Jeeves": a person asked,
        a comma, lower-case words of a title, then "at/of/for" and another name (of any
        kind: the compiler may type a firm named like a person, "Ask Jeeves"), unless the
        words name kin ("Michael Foley, brother of James Foley")."""
        people = [self.names.entities.get(e) for e in fact.entities if e in asked_ids]
        for person in people:
            if person is None or person.kind != "person":
                continue
            for name in filter(None, (person.name, *person.aliases)):
                for other_id in fact.entities:
                    other = self.names.entities.get(other_id)
                    if other is None or other_id == person.id:
                        continue
                    found = re.search(
                        rf"\b{re.escape(name)},\s+(?:the\s+|a\s+)?([a-z][a-z\s-]{{0,60}}?)\s+"
                        rf"(?:at|of|for)\s+(?:the\s+)?{re.escape(other.name)}\b",
                        fact.excerpt,
                    )
                    if found and KIN.isdisjoint(found.group(1).split()):
                        return True
        return False

    def _employment_tie(self, fact: FactRow, asked_ids: set[str]) -> bool:
        """ "Ian Fogg, personal technology analyst at Jupiter Research", "said Ian Hunter at
        Goodbody Stockbrokers": a person, then within a few words "at/of/for/with" and an
        organization, one of the two asked."""
        people: list[EntityInfo] = []
        employers: list[EntityInfo] = []
        for entity_id in fact.entities:
            info = self.names.entities.get(entity_id)
            if info is not None:
                (people if info.kind == "person" else employers).append(info)
        for person in people:
            for employer in employers:
                if employer.kind not in EMPLOYER_KINDS or (
                    asked_ids and not {person.id, employer.id} & asked_ids
                ):
                    continue
                if _written_as_employer(fact.excerpt, person, employer):
                    return True
        return False

    def _relation_fit(self, fact: FactRow, ask: Asked) -> tuple[float, set[str]]:
        """1.0 when the fact states a wanted relation of an asked entity (and which types),
        recorded or read off the excerpt.

        A role must also be the one asked: "Foreign Minister" does not answer "president".
        """
        matched = set()
        if "employment" in ask.wanted or "ownership" in ask.wanted or _any_role_asked(ask):
            matched = self._relations_read(fact, ask)
        best = 1.0 if matched else 0.0
        for rtype, subject, obj, value in fact.relations:
            if rtype not in ask.wanted:
                continue
            if subject not in ask.entity_ids and (obj is None or obj not in ask.entity_ids):
                continue
            best = max(best, 0.3)
            if (
                rtype == "role"
                and not set(keys(value)) & ask.weights.keys()
                and not ANY_ROLE_CUES & ask.weights.keys()
            ):
                continue
            best = 1.0
            matched.add(rtype)
        return best, matched

    def _type_fit(self, fact: FactRow, qtype: str, asked_ids: set[str], measure: str = "") -> float:
        if qtype in ("who", "where"):
            kinds = ("person", "organization") if qtype == "who" else ("place",)
            others = [self.names.entities.get(e) for e in fact.entities if e not in asked_ids]
            if qtype == "where":
                return self._place_fit(fact, [o for o in others if o is not None])
            if any(o is not None and o.kind in kinds for o in others):
                return 1.0
            if qtype == "who" and any(
                rtype in ("leader", "designation", "member", "quote", "allegiance")
                for rtype, *_ in fact.relations
            ):
                return 1.0
            return 0.5 if any(o is not None for o in others) or _has_other_name(fact) else 0.0
        if qtype == "when":
            return fact.has_date / 2
        if qtype == "how_many":
            if not fact.has_number and measure == "long":
                # "on the margins for decades": a duration in no number
                return 1.0 if holds_measure(measure, fact.excerpt) else 0.0
            return 1.0 if fact.has_number else 0.0
        if qtype == "why":
            return 1.0 if REASON.search(fact.excerpt) else WITHOUT_REASON
        return 1.0

    def _origin_named(self, fact: FactRow, asked_ids: set[str]) -> bool:
        """A place the excerpt writes right after "from" ("X, 32, from Wembley")."""
        excerpt = fact.excerpt
        for entity_id in fact.entities:
            info = self.names.entities.get(entity_id)
            if info is None or info.kind != "place" or entity_id in asked_ids:
                continue
            at = excerpt.find(info.name)
            before = excerpt[max(0, at - 12) : at].lower().split()[-2:]
            if at > 0 and ORIGIN_WORDS.intersection(before):
                return True
        return False

    @staticmethod
    def _place_fit(fact: FactRow, others: list[EntityInfo]) -> float:
        """A place written where something happens ("in Cairo", "the city of Ibadan", "on
        Ukraine's border") answers "where" best; a place named otherwise ("the government of
        Nigeria", "invaded Ukraine") less."""
        if any(r[0] == "area" for r in fact.relations) or PLACE_OF.search(fact.excerpt):
            return 1.0
        places = [o for o in others if o.kind == "place"]
        if places:
            excerpt = fact.excerpt
            for place in places:
                at = excerpt.find(place.name)
                # the three words before the name as written (an alias is not looked for)
                if at > 0 and LOCATIVE.intersection(
                    excerpt[max(0, at - 30) : at].lower().split()[-3:]
                ):
                    return 1.0
                part = PLACE_PART.match(excerpt, at + len(place.name)) if at >= 0 else None
                if part and part.group(1).lower() in PLACE_PARTS:
                    return 1.0
            return 0.75
        return 0.5 if others or _has_other_name(fact) else 0.0

    def _select(
        self,
        scored: list[Scored],
        mentions: list[Mention],
        content: list[str],
        qtype: str,
        *,
        which_place: bool = False,
    ) -> Ranking:
        passing = [s for s in scored if s.answers]
        answers: list[Scored] = []
        if passing:
            top = passing[0]
            close = [s for s in passing[1 : MAX_ANSWERS * 2] if s.score >= 0.9 * top.score]
            answers = [top, *close[: MAX_ANSWERS - 1]]
            if qtype in NAMES_ANSWER:
                answers = _antecedent_first(answers, scored, qtype, which_place=which_place)
            if qtype == "where" and not which_place:
                answers = self._said_next(answers, passing, WHERE_FOLLOWS_WITHIN)
            elif qtype == "why":
                # the cause goes on from what the best fact says, which it need not repeat
                leaning = [s for s in scored if s.coverage > 0]
                answers = self._said_next(answers, leaning, REASON_FOLLOWS_WITHIN)
        shown = {s.fact.ordinal for s in answers}
        related = [
            s
            for s in scored
            if s.fact.ordinal not in shown and (s.entity_share > 0 if mentions else s.coverage > 0)
        ][:3]
        return Ranking(answers, related, mentions, content, scored)

    def _said_next(
        self, answers: list[Scored], candidates: list[Scored], within: int
    ) -> list[Scored]:
        """Asked where or why, when the best fact names no place where something happens
        (gives no cause), a fact up to `within` sentences after it that goes on from it
        (each sentence between leaning on the one before) and does, says it: '"I would like
        to have football schools," the captain said. ... I'm going to open one in London';
        "... the EU would become the top investor in the dam. The move was aimed at helping
        Central Asia reduce its reliance on Russia." It is shown first."""
        top = answers[0]
        if top.type_fit >= 1.0:
            return answers
        after = [
            s
            for s in candidates
            if s.type_fit >= 1.0
            and s.fact.source == top.fact.source
            and 0 < s.fact.ordinal - top.fact.ordinal <= within
        ]
        for s in sorted(after, key=lambda s: s.fact.ordinal):
            between = range(top.fact.ordinal + 1, s.fact.ordinal + 1)
            if all(f.antecedents for f in self.index.facts(between)):
                s.answers = True
                return [s, *(a for a in answers if a is not s)][:MAX_ANSWERS]
        return answers


def _any_role_asked(ask: Asked) -> bool:
    """ "What is X's job/role/position/title?": whatever role X holds."""
    return "role" in ask.wanted and not ANY_ROLE_CUES.isdisjoint(ask.weights)


def _wholes_asked(query: Query, mentions: list[Mention]) -> frozenset[str]:
    """The organizations a "Which X body/agency/committee ...?" question asks a part of: a
    name right after "which" or "what" and right before such a noun."""
    raw = WORD.findall(query.focus)
    return frozenset(
        entity_id
        for m in mentions
        if m.start > 0
        and m.end < len(raw)
        and fold(raw[m.start - 1]) in ("which", "what")
        and fold(raw[m.end]) in PART_NOUNS
        for entity_id in m.entity_ids
    )


def _extends(whole: EntityInfo, name: str) -> bool:
    """ "United Nations General Assembly" extends the acronym "UN" by its initials ("UN
    Security Council" holds the name itself, which Names.mentions sees)."""
    capitals = [w for w in name.split() if w[:1].isupper()]
    return any(
        short.isupper()
        and short.isalpha()
        and len(capitals) > len(short)
        and "".join(w[0] for w in capitals[: len(short)]) == short
        for short in (whole.name, *whole.aliases)
    )


def _relations_wanted(query: Query, *, definition: bool, origin: bool) -> tuple[str, ...]:
    """The relation types that answer the question. "Where do X come from?" asks an origin:
    where a group operates ("remain present in Afghanistan", an area relation) is none."""
    if definition:
        return DEFINITION_RELATIONS
    return tuple(r for r in query.relations if r != "area") if origin else query.relations


def _agent_verb_asked(query: Query, content: dict[str, float]) -> str:
    """The verb whose doer is asked ("Who won X?"), unless it asks of an office: "Who heads
    Russia's foreign ministry?" asks for its minister, whose title says the leading
    ("Foreign Minister Sergei Lavrov" never writes "heads"), so the verb is dropped.

    "How many people live in X?" asks a population: "its 11.2 million people" says the
    living, so "live" is a light word there."""
    if query.qtype == "how_many" and LIVE_KEY in content and counted_key(query) in DWELLERS:
        content[LIVE_KEY] = min(content[LIVE_KEY], LIGHT_WORD_WEIGHT)
    if _heads_an_office(query):
        content.pop(query.agent_verb, None)
        return ""
    return query.agent_verb


def _named_around(fact: FactRow, group: Sequence[EntityInfo]) -> bool:
    """Whether a sentence beside the fact writes one of the entities' names."""
    return any(ks <= fact.context_keys for e in group for ks in e.key_sets if ks)


def _heads_an_office(query: Query) -> bool:
    """ "Who heads/runs/leads X's ministry?": a leader verb asked of an office whose holder's
    title shares its key (ministry/minister, presidency/president)."""
    verb = query.agent_verb
    if not verb or (RELATION_CUES.get(verb) != "leader" and verb != RUN_KEY):
        return False
    return any(w in OFFICES and key(w) in HOLDER_TITLE_KEYS for w in words(query.focus))


def _ages_of_another(excerpt: str, names: tuple[str, ...]) -> bool:
    """ "He passed away ... 11 days after his wife Audrey died aged 91": every "aged N" the
    sentence writes follows another name, so none is the age of the person asked."""
    ages = list(AGED.finditer(excerpt))
    if not ages:
        return False
    for age in ages:
        # "He died aged 92": a pronoun or a sentence's first word names no one else
        written = excerpt[max(0, age.start() - AGE_OWNER_SPAN) : age.start()]
        before = [w for w in CAPITALISED_WORD.findall(written) if fold(w) not in STOPWORDS]
        if not before or any(before[-1] in name for name in names):
            return False
    return True


def _holds_predicate(
    ask: Asked, held_keys: set[str], fact: FactRow, *, quoting: bool = False
) -> bool:
    """The fact itself, not its neighbours, must say what the question asks about:
    "When was X founded?" is not answered by a dated sentence that only mentions X.
    A fact whose subject refers back ("they were sentenced" after "X's brother and sister
    were arrested") holds what its subject stands for: words of the sentences around it
    count once the fact holds some of the predicate itself. So does the quote of a speaker
    asked (`quoting`): what "We are taken as hostages," said X is about (the strike) is
    what the sentence before it reports."""
    total = sum(ask.predicate.values())
    if not total:
        return True
    held = sum(w for k, w in ask.predicate.items() if k in held_keys)
    if held and (fact.antecedents or quoting):
        held += sum(
            w for k, w in ask.predicate.items() if k not in held_keys and k in fact.context_keys
        )
    return held >= PREDICATE_SHARE * total - 1e-9


def _relates_asked(fact: FactRow, ask: Asked) -> bool:
    """A fact recording a relation of a name asked about is likelier about that name; one
    recording someone else's ("Labour campaign spokesman Fraser Kemp said Veritas ..." asked
    what Veritas means) is not. With no name asked, any relation counts."""
    if not ask.entity_ids:
        return bool(fact.relations)
    asked = ask.entity_ids
    return any(subject in asked or obj in asked for _, subject, obj, _ in fact.relations)


def _role_of_neighbour(fact: FactRow, ask: Asked, group: Sequence[EntityInfo]) -> bool:
    """ "Who is the coach of Egypt?" answered by "... if coach Hassan Shehata chose him"
    when the sentence before or after names Egypt, or the document is about Egypt: a role
    written as a title before a name, unqualified ("former coach X" is no answer)."""
    ids = {e.id for e in group}
    if ids.intersection(fact.entities) and _visited(fact.excerpt, group):
        return False  # "During a visit to South Korea, President Xi": the visitor's title
    roles = [
        a for a, g, _ in ask.attributes if a in fact.keys and ids.intersection(e.id for e in g)
    ]
    if not roles or not (
        _named_beside(fact, group) or any(fact.source in ask.topics.get(e.id, ()) for e in group)
    ):
        return False
    # "President Putin" in a story about Iran: the compiler knows from the document that
    # his presidency is Russia's (the fact's role relation names its owner).
    owned_elsewhere = {
        role
        for rtype, _subject, obj, value in fact.relations
        if rtype == "role" and obj is not None and obj not in ids
        for role in roles
        if role in keys(value)
    }
    return any(
        _titled_name(fact.excerpt, role, ask.modifiers.get(role, frozenset()))
        for role in roles
        if role not in owned_elsewhere
    )


def _named_beside(fact: FactRow, group: Sequence[EntityInfo]) -> bool:
    """Whether a sentence next to the fact names the entity."""
    return any(any(ks <= fact.context_keys for ks in e.key_sets) for e in group)


def _titled_name(excerpt: str, role: str, asked: frozenset[str]) -> bool:
    """ "coach Hassan Shehata", "Agriculture Minister Adamu Bello": the role right before a
    capitalised name, qualified as the question qualifies it ("Foreign Minister" is not
    the "prime minister"; "Uzbek Foreign Minister" is no minister of Kyrgyzstan)."""
    spans = [(m.group(), m.start(), m.end()) for m in WORD.finditer(excerpt)]
    tokens = [token for token, _, _ in spans]
    for n, token in enumerate(tokens[:-1]):
        if key(fold(token)) != role or not _name_follows(tokens, n + 1):
            continue
        # Qualifiers stop at a comma: in "Today, the capital, Baku" "Today" qualifies nothing.
        first = max(0, n - 2)
        while first < n and CLAUSE_BREAK.search(excerpt, spans[first][2], spans[n][1]):
            first += 1
        before = [fold(t) for t in tokens[first:n]]
        if FORMER.intersection(before):  # "former Foreign Minister", "ex-Foreign Minister"
            continue
        if "s" in before or _owner_written(tokens, first, n):
            continue  # "the Taliban's deputy leader X", "al Qaeda and its leader X"
        # Only the capitalised words right before the role title it: in "Discontent with
        # President X" the sentence's first word is no qualifier.
        run = n
        while run > first and tokens[run - 1][:1].isupper():
            run -= 1
        titled = {fold(t) for t in tokens[run:n] if fold(t) not in STOPWORDS}
        if asked <= set(before) and titled <= asked:
            return True
    return False


def _name_follows(tokens: list[str], at: int) -> bool:
    """A capitalised name at `at`, or after the office's department: "Minister of Defense
    Marshall Fahim" (a department and a name: two capitalised words or more after "of")."""
    if tokens[at][:1].isupper():
        return True
    if tokens[at] != "of":
        return False
    run = 0
    for token in tokens[at + 1 : at + 1 + DEPARTMENT_SPAN]:
        if not token[:1].isupper():
            break
        run += 1
    return run >= 2


def _former_title_near(excerpt: str, names: list[str]) -> bool:
    """A former leader's title in apposition to one of the person's names: "the Taliban's
    former Amir, Mullah Mohammed Omar", "Omar, the Taliban's former leader"."""
    for match in FORMER_LEADER_TITLE.finditer(excerpt):
        after = excerpt[match.end() : match.end() + FORMER_WINDOW]
        before = excerpt[max(0, match.start() - FORMER_WINDOW) : match.start()]
        for name in filter(None, names):
            at = after.find(name)
            if at >= 0 and TITLE_THEN_NAME.fullmatch(after[:at]):
                return True
            at = before.rfind(name)
            if at >= 0 and NAME_THEN_TITLE.fullmatch(before[at + len(name) :]):
                return True
    return False


def _owner_written(tokens: list[str], first: int, role_at: int) -> bool:
    """A possessive pronoun before the role whose owner the sentence names first ("al Qaeda
    and its leader"); "His lawyer X said" opens on a pronoun standing for someone before."""
    for n in range(first, role_at):
        if fold(tokens[n]) in POSSESSIVE_PRONOUNS:
            return any(t[:1].isupper() for t in tokens[1:n])
    return False


def _modifiers(query: Query) -> dict[str, frozenset[str]]:
    """The words a question puts before each noun: "the prime minister of X" -> prime."""
    tokens = [fold(w) for w in WORD.findall(query.focus)]
    found: dict[str, frozenset[str]] = {}
    for n, token in enumerate(tokens):
        run = []
        for word in reversed(tokens[max(0, n - 3) : n]):
            if word in STOPWORDS or word in QUESTION_WORDS:
                break
            run.append(word)
        found.setdefault(key(token), frozenset(run))
    return found


def _written_as_employer(excerpt: str, person: EntityInfo, employer: EntityInfo) -> bool:
    for name in (person.name, *person.aliases):
        at = excerpt.find(name)
        if at < 0:
            continue
        after = excerpt[at + len(name) : at + len(name) + EMPLOYER_SPAN]
        found = after.find(employer.name)
        if found > 0 and after[:found].split()[-1:] in (["at"], ["of"], ["for"], ["with"]):
            return True
    return False


def _predicate_coverage(ask: Asked, held_keys: set[str], coverage: float) -> float:
    """Coverage of the question's own predicate, its light verbs left out ("comes from" in
    "What share of US oil imports comes from X?"); the plain coverage when it has none."""
    total = sum(ask.predicate.values())
    if not total:
        return coverage
    return sum(w for k, w in ask.predicate.items() if k in held_keys) / total


def _describes(excerpt: str, group: Sequence[EntityInfo]) -> bool:
    """ "the country" for a place, "the company"/"the group" for an organization."""
    pattern = DESCRIPTIONS.get(group[0].kind) if group else None
    return pattern is not None and bool(pattern.search(excerpt))


def _name_heads(query: Query, mentions: list[Mention]) -> dict[str, str]:
    """ "the Billboard awards" -> {billboard: "awards"}: the noun after a name asked."""
    tokens = [fold(w) for w in WORD.findall(query.focus)]
    heads: dict[str, str] = {}
    for mention in mentions:
        if mention.end < len(tokens):
            noun = tokens[mention.end]
            if noun.isalpha() and noun not in STOPWORDS and noun not in QUESTION_WORDS:
                heads.update(dict.fromkeys(mention.entity_ids, noun))
    return heads


def _the_head_asked(excerpt: str, group: Sequence[EntityInfo], heads: dict[str, str]) -> bool:
    """ "... nominations for the awards, which will be held ..." after a sentence on "the
    Billboard awards": "the" and the noun the question puts after the name stand for it."""
    nouns = {heads[e.id] for e in group if e.id in heads}
    folded = fold(excerpt)
    return any(re.search(rf"\bthe {re.escape(noun)}\b", folded) for noun in nouns)


def _evidence(words: int, other_names: int, measure: str) -> int:
    """How much a question asks besides one name: enough (TOPIC_WORDS) lets a fact that
    says all of it stand for that name when its document is about it."""
    return words + other_names + (1 if measure else 0)


def _topics(facts: list[FactRow], entity_ids: set[str]) -> dict[str, frozenset[str]]:
    """The sources each entity is a topic of, counted over its facts (all of them: only
    entities with few facts are passed)."""
    counts: Counter[tuple[str, str]] = Counter(
        (e, f.source) for f in facts for e in entity_ids.intersection(f.entities)
    )
    found: dict[str, set[str]] = {}
    for (entity, source), n in counts.items():
        if n >= TOPIC_FACTS:
            found.setdefault(entity, set()).add(source)
    return {e: frozenset(sources) for e, sources in found.items()}


def _says(fact: FactRow, verb: str, held_keys: set[str]) -> bool:
    """Whether the fact says the verb asked: a word of its key that is no "-ly" adverb
    ("directly" is not "directed"), a synonym or a relation cue standing for it."""
    if verb not in held_keys:
        return False
    if verb not in fact.keys:
        return True
    tokens = WORD.findall(fact.excerpt.lower())
    said = [n for n, w in enumerate(tokens) if key(w) == verb and not w.endswith("ly")]
    return any(not _passive_without_agent(fact.excerpt, tokens, n) for n in said)


def _passive_without_agent(excerpt: str, tokens: list[str], at: int) -> bool:
    """ "aid worker Margaret Hassan, kidnapped in Iraq", "was kidnapped on Monday": the verb
    in the passive with no "by" after it says what was done, not who did it."""
    word = tokens[at]
    if not word.endswith(("ed", "en", "wn", "ught")):
        return False
    before = tokens[at - 1] if at else ""
    passive = before in PASSIVE_AUXILIARIES or (
        at > 0 and re.search(rf",\s*{re.escape(word)}\b", excerpt, re.IGNORECASE) is not None
    )
    return passive and "by" not in tokens[at + 1 : at + 1 + AGENT_SPAN]


def _definition_fit(fact: FactRow, ask: Asked) -> float:
    """How well the fact defines what "What is X?" asks: a gloss, a former name, brackets."""
    if GLOSS.search(fact.excerpt) or _glossed_in_brackets(fact, ask):
        return GLOSS_FIT
    if DEFINING.search(fact.excerpt) or _spells_out(fact, ask):
        return 0.8
    if ask.qtype == "who" and _described_in_apposition(fact.excerpt, ask):
        return APPOSITION_FIT
    return 0.0


def _described_in_apposition(excerpt: str, ask: Asked) -> bool:
    """ "Who is Alexei Navalny?": "Navalny, a 37-year-old anti-corruption lawyer, has been
    ...": the name asked, a comma, then "a/an" and lower-case words saying what they are."""
    return _a_name_asked_before(excerpt, ask, APPOSITION)


def _glossed_in_brackets(fact: FactRow, ask: Asked) -> bool:
    return _a_name_asked_before(fact.excerpt, ask, BRACKET_GLOSS)


def _a_name_asked_before(excerpt: str, ask: Asked, follows: re.Pattern[str]) -> bool:
    """Whether a name as the question wrote it stands in the excerpt right before what
    `follows` matches, wherever it is written."""
    for name in filter(None, {*ask.names_typed, *ask.openers}):
        at = excerpt.find(name)
        while at >= 0:
            if follows.match(excerpt, at + len(name)):
                return True
            at = excerpt.find(name, at + 1)
    return False


def _spells_out(fact: FactRow, ask: Asked) -> bool:
    """ "Katibat Tawhid wal Jihad (KTJ)": the fact spells out the name asked, in brackets;
    asked for an abbreviation, it gives the long form's acronym ("Belt and Road Initiative
    (BRI)")."""
    excerpt = fact.excerpt
    for name in ask.names_typed:
        if f"({name})" in excerpt or f"[{name}]" in excerpt:
            return True
        at = excerpt.find(name) if ask.abbreviation else -1
        if at >= 0 and ACRONYM_AFTER.match(excerpt, at + len(name)):
            return True
    return False


def _has_other_name(fact: FactRow) -> bool:
    return any(w[0].isupper() for w in WORD.findall(fact.excerpt)[1:])


def _antecedent_first(
    answers: list[Scored], scored: list[Scored], qtype: str, *, which_place: bool = False
) -> list[Scored]:
    """When the question asks for a name and the best fact leans on the sentence before it
    ("In doing so, it ...") which shares something with the question, show that sentence
    first: it names what the pronoun stands for, the very thing asked."""
    top = answers[0]
    names_itself = PLACE_NAMED if which_place else NAMES_ITSELF.get(qtype, 2.0)
    if not starts_with_pronoun(top.fact.excerpt) or top.type_fit >= names_itself:
        # the fact names what is asked itself: "He was axed by coach X", "Today, its
        # members are Russia, China, ..." for "Which countries are its observers?"
        return answers
    before = next(
        (
            s
            for s in scored
            if s.fact.ordinal == top.fact.ordinal - 1 and s.fact.source == top.fact.source
        ),
        None,
    )
    if before is None or (before.coverage <= 0 and before.entity_share <= 0):
        return answers
    before.answers = True
    rest = [s for s in answers if s is not before]
    return [before, *rest][:MAX_ANSWERS]
