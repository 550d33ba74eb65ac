"""What the user typed: a command or a question, its type, and the relations it asks about."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from bot.engine.text import QUESTION_WORDS, STOPWORDS, WORD, fold, key, word_set, words

MAX_QUERY_CHARS = 1000  # longer text is cut: nobody asks a 10,000-character question
STANDS_FOR = re.compile(
    r"^\s*what\s+(?:does|do|did)\s+(.+?)\s+(?:stand\s+for|mean|refer\s+to)\s*\??\s*$"
    # "What is X abbreviated as?", "What is the acronym of X?": also a name spelt out
    r"|^\s*what\s+is\s+(.+?)\s+(?:abbreviated|shortened)(?:\s+(?:as|to))?\s*\??\s*$"
    r"|^\s*what\s+is\s+the\s+(?:abbreviation|acronym|short\s+form)\s+(?:of|for)\s+(.+?)"
    r"\s*\??\s*$",
    re.I,
)
# Commands asked in words ("brief me on X", "X timeline", "quotes by X"): (command, pattern).
# The engine follows them only when X is a name the documents know.
SPOKEN_COMMANDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (command, re.compile(pattern, re.I))
    for command, pattern in (
        (
            "brief",
            r"^(?:please\s+)?(?:brief(?:ing)?|profile|overview|summary|summari[sz]e|"
            r"background)\s+(?:me\s+)?(?:on|of|about|for)?\s*(?P<arg>.+?)[?.!]*$",
        ),
        (
            "brief",
            r"^(?:what\s+do\s+(?:we|you)\s+know|(?:any\s*thing|info(?:rmation)?)|"
            r"tell\s+me)\s+(?:on|about)\s+(?P<arg>.+?)[?.!]*$",
        ),
        ("timeline", r"^(?:timeline|chronology|history)\s+(?:of|for|on)\s+(?P<arg>.+?)[?.!]*$"),
        ("timeline", r"^(?P<arg>.+?)\s+(?:timeline|chronology)[?.!]*$"),
        ("quote", r"^(?:quotes?|statements?)\s+(?:by|from|of)\s+(?P<arg>.+?)[?.!]*$"),
        ("quote", r"^what\s+(?:has|have)\s+(?P<arg>.+?)\s+said[?.!]*$"),
    )
)
# An order instead of a question: "Name the leader of IJU", "Identify the group that ...".
IMPERATIVE = re.compile(r"^(?:please\s+)?(?:name|identify)\s+(the\s+.+?)[\s.?!]*$", re.I)
PERSON_WORDS = word_set(
    "leader head chief founder president minister commander emir spokesman person man woman "
    "coach chairman director"
)
COMMAND = re.compile(r"^/([^\s@/]*)(?:@\S*)?(?:\s+(.*))?$", re.DOTALL)

# Words that ask for one relation type, by key (see text.key): "led", "leads", "leader" -> "lead".
# Listed as words and keyed here, so a change to the stemmer cannot orphan a cue.
CUE_WORDS: dict[str, str] = {
    "leader": "lead leader head chief emir amir commander boss",
    "role": "president minister role position chairman secretary governor title job",
    "allegiance": "allegiance swear pledge loyal affiliated bayat ally allied",
    "designation": "designate designation list blacklist ban outlaw proscribed",
    "area": "operate active base based located presence area region regional province",
    "former_name": "former formerly renamed previous previously original originally called known",
    "member": "member membership belong join part",
    "quote": "say quote declare remark word speak claim tell stated statement",
    # not a relation the compiler records: the engine reads it off the excerpt (rank.py)
    "employment": "work employ employee employer staff",
    # nor this: "Silvio Berlusconi's MediaSet conglomerate" says who owns MediaSet
    "ownership": "own owner",
}
RELATION_CUES: dict[str, str] = {
    key(word): rtype for rtype, listed in CUE_WORDS.items() for word in listed.split()
}
# "What is X's job?" asks whatever role X holds; "Who is X's minister?" asks that one role.
ANY_ROLE_CUES = frozenset(map(key, word_set("role position title job")))

COPULAS = word_set("is was are were")
DO_AUXILIARIES = word_set("do does did")
CALL_KEY = key("call")
ARTICLES = word_set("the a an its their his her")
SHARE_NOUNS = frozenset(["share", "percentage", "proportion", "percent"])
# "How long is the border?" wants a number as much as "how many" does.
MEASURES = word_set("many much long soon far big large old tall high often deep wide heavy")
PLACE_NOUNS = frozenset(
    [
        "country",
        "countries",
        "province",
        "provinces",
        "region",
        "regions",
        "city",
        "cities",
        "place",
        "places",
        "area",
        "areas",
        "town",
        "towns",
        "state",
        "states",
        "capital",
    ]
)
AGENT_NOUNS = frozenset(
    [
        "group",
        "groups",
        "organization",
        "organisation",
        "organizations",
        "person",
        "people",
        "man",
        "woman",
        "leader",
        "leaders",
        "party",
        "movement",
        "official",
        "officials",
        "minister",
        "president",
        "company",
        "agency",
        "country",
    ]
)
TIME_NOUNS = frozenset(["year", "years", "month", "date", "day", "time", "decade", "century"])
# "What were X's profits?", "What is the turnout of Y?": the noun asked is an amount, so the
# answer holds a number ("a 19% rise in profits to £450.7m"), as for "how much"; "What is the
# deadline for Z?" asks a date
AMOUNT_NOUNS = word_set(
    "profit profits revenue revenues sales turnover turnout earnings income price prices "
    "cost costs salary salaries budget debt deficit surplus population valuation fee fees "
    "wage wages"
)
DATE_NOUNS = word_set("deadline date birthday")


DEFINITION_RELATIONS = ("former_name", "designation", "role", "leader", "member", "allegiance")


@dataclass(frozen=True, slots=True)
class Query:
    text: str  # cleaned, at most MAX_QUERY_CHARS
    command: str | None = None  # "brief", "who"... without the slash; "" for a bare "/"
    argument: str = ""
    qtype: str = "keywords"  # who when where what which how_many why how keywords
    relations: tuple[str, ...] = ()
    # Shaped like "What is X?" / "Who was X?"; a definition question when X is only a name.
    definition: bool = False
    truncated: bool = False
    spoken: tuple[str, str] | None = None  # (command, argument) asked in words
    search_text: str = ""  # what ranking reads, when it differs from `text`
    abbreviation: bool = False  # "What is X abbreviated as?": X's acronym is the answer
    measure: str = ""  # "how old" -> "old": the kind of number asked for
    # "Who won X?": the verb right after "who" names what the answer did; the fact must say it.
    agent_verb: str = ""

    @property
    def focus(self) -> str:
        return self.search_text or self.text


def clean(text: str) -> tuple[str, bool]:
    """Drop control and format characters, fold whitespace, cap the length."""
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in text
        if unicodedata.category(c) not in ("Cf", "Cs", "Co", "Cn")
    )
    kept = re.sub(r"\s+", " ", kept).strip()
    truncated = len(kept) > MAX_QUERY_CHARS
    return kept[:MAX_QUERY_CHARS], truncated


def parse(text: str) -> Query:
    cleaned, truncated = clean(text)
    match = COMMAND.match(cleaned)
    if match:
        return Query(
            cleaned,
            command=fold(match.group(1)),
            argument=(match.group(2) or "").strip(),
            truncated=truncated,
        )
    imperative = IMPERATIVE.match(cleaned)
    if imperative:  # "Name the leader of IJU" is "Who is the leader of IJU?"
        asked = imperative.group(1)
        wh = "Who" if PERSON_WORDS.intersection(words(asked)[:4]) else "What"
        question = parse(f"{wh} is {asked}?")
        return replace(
            question,
            text=cleaned,
            search_text=question.search_text or question.text,
            truncated=truncated,
        )
    tokens = words(cleaned)
    spoken = next(
        (
            (command, m.group("arg"))
            for command, pattern in SPOKEN_COMMANDS
            if (m := pattern.match(cleaned))
        ),
        None,
    )
    qtype = question_type(tokens)
    cues = [
        RELATION_CUES[k]
        for k in (key(w) for w in tokens if w not in STOPWORDS)
        if k in RELATION_CUES
    ]
    if qtype == "where":
        cues.append("area")
    if _verb_takes_common_object(cleaned):
        cues = [c for c in cues if c != RELATION_CUES[key(tokens[1])]]
    if _calls_something(tokens):
        cues = [c for c in cues if c != "former_name"]
    definition = qtype in ("who", "what") and _is_definition(tokens)
    spelled_out = STANDS_FOR.match(cleaned)
    if spelled_out:  # "What does KTJ stand for?" is "What is KTJ?"
        return Query(
            cleaned,
            qtype="what",
            relations=(),
            definition=True,
            truncated=truncated,
            search_text=f"What is {next(g for g in spelled_out.groups() if g)}?",
            abbreviation=spelled_out.group(1) is None,
        )
    return Query(
        cleaned,
        qtype=qtype,
        relations=tuple(dict.fromkeys(cues)),
        definition=definition,
        truncated=truncated,
        spoken=spoken,
        measure=_measure(tokens),
        agent_verb=_agent_verb(tokens),
    )


def _measure(tokens: list[str]) -> str:
    for n, word in enumerate(tokens[:-1]):
        if word == "how" and tokens[n + 1] in MEASURES:
            return tokens[n + 1]
        if word in ("what", "which") and tokens[n + 1] in SHARE_NOUNS:
            return "share"  # a percentage or a fraction: "40%", "a quarter of"
        if tokens[0] == "what" and word in ("the", "final") and tokens[n + 1] == "score":
            return "score"  # "What was the score against X?": a result, "2-0"
    return ""


def _verb_takes_common_object(text: str) -> bool:
    """ "Who led the tributes to Carson?" asks who did that, not Carson's leader: the
    relation verb after "who" takes a lower-case noun, not a name. An all-lower-case
    question writes its names small too, so it keeps the relation."""
    raw = WORD.findall(text)
    if len(raw) < 3 or fold(raw[0]) != "who" or text == text.lower():
        return False
    if key(fold(raw[1])) not in RELATION_CUES:
        return False
    rest = [w for w in raw[2:] if fold(w) not in ARTICLES]
    return bool(rest) and rest[0].islower() and fold(rest[0]) not in STOPWORDS


def _calls_something(tokens: list[str]) -> bool:
    """ "What did KTJ's propagandist call the Taliban?": a doer giving something a name of
    their own ("the Lions of Islam"), not a name the thing bore before ("What was X called?")."""
    return (
        len(tokens) > 2
        and tokens[1] in DO_AUXILIARIES
        and any(key(w) == CALL_KEY for w in tokens[2:])
    )


def _agent_verb(tokens: list[str]) -> str:
    if len(tokens) >= 3 and tokens[0] == "who" and tokens[1] not in STOPWORDS:
        return key(tokens[1])
    return ""


def question_type(tokens: list[str]) -> str:
    for n, word in enumerate(tokens[:8]):
        if word not in QUESTION_WORDS:
            continue
        after = tokens[n + 1] if n + 1 < len(tokens) else ""
        if word == "how":
            return "how_many" if after in MEASURES else "how"
        if word == "what" and after in COPULAS:
            asked = _noun_asked(tokens[n + 2 :])
            if asked in AMOUNT_NOUNS:
                return "how_many"
            if asked in DATE_NOUNS:
                return "when"
        if word in ("what", "which"):
            if after in TIME_NOUNS:
                return "when"
            if after in PLACE_NOUNS:
                return "where"
            if after in AGENT_NOUNS:
                return "who"
            if after in SHARE_NOUNS:  # "What share of US oil imports ...": a percentage
                return "how_many"
            return word
        return "who" if word in ("whom", "whose") else word
    return "keywords"


def _noun_asked(tokens: list[str]) -> str:
    """The head of the noun phrase after "what is": its last word before a preposition or
    the question's end ("the turnout of the referendum" -> turnout, "Wimpey's profits" ->
    profits); an article or a possessive "s" does not end it."""
    head = ""
    for word in tokens:
        if word in STOPWORDS and word not in ARTICLES and word != "s":
            break
        if word not in ARTICLES and word != "s":
            head = word
    return head


def _is_definition(tokens: list[str]) -> bool:
    """ "what is X", "who was X", "what are the X": a question word, a copula, then a name."""
    return (
        len(tokens) >= 3
        and tokens[1] in COPULAS
        and not any(w in ("many", "much") for w in tokens[2:])
    )
