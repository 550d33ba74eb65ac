"""Small built-in word lists: places (countries, cities, regions, demonyms), titles, kind cues."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

FOLD_SEPARATORS: Final = re.compile(r"[\s\-‐–]+")


def normalize(name: str) -> str:
    """The form two spellings of one name share: case, dots, hyphens and "the" folded."""
    key = name.casefold().replace("’", "'").replace(".", "")
    key = FOLD_SEPARATORS.sub(" ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return key.removesuffix("'s").removesuffix("'")


DATA = Path(__file__).with_name("data") / "places.tsv"


# Loaded on first use and kept: asked per mention, so held in module dicts, not behind an
# lru_cache, whose call is a generic, costly one from the mypyc-compiled build.
_PLACES: Final[dict[str, str]] = {}
_DEMONYMS: Final[dict[str, str]] = {}
_COUNTRIES: Final[list[frozenset[str]]] = []


def places() -> dict[str, str]:
    """Place name (casefolded) -> canonical place name."""
    if not _PLACES:  # filled by one update, so another thread never sees it half filled
        _PLACES.update(
            {normalize(name): canonical for kind, name, canonical in _rows() if kind != "demonym"}
        )
    return _PLACES


def demonyms() -> dict[str, str]:
    """ "Kazakh" (casefolded) -> "Kazakhstan"."""
    if not _DEMONYMS:
        _DEMONYMS.update(
            {normalize(name): canonical for kind, name, canonical in _rows() if kind == "demonym"}
        )
    return _DEMONYMS


def countries() -> frozenset[str]:
    """Keys of the countries (and their other names): what a head of state's title belongs to."""
    if not _COUNTRIES:
        names = {canonical for kind, _name, canonical in _rows() if kind == "country"}
        _COUNTRIES.append(
            frozenset(key for key, canonical in places().items() if canonical in names)
        )
    return _COUNTRIES[0]


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, name, canonical = line.split("\t")
            rows.append((kind, name, canonical))
    return rows


# Months as abbreviated ("Jan.", "Sept"): a word before a full stop that may not end the
# sentence, and a month a name run may hold.
MONTH_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# What a party's member is called ("Tory Liam Fox", "Liberal Democrat Charles Kennedy"): before
# a personal name, the person's party, no part of their name.
PARTY_MEMBERS: Final[frozenset[str]] = frozenset(
    [
        "tory",
        "tories",
        "conservative",
        "labour",
        "liberal",
        "liberal democrat",
        "lib dem",
        "lib dems",
        "democrat",
        "republican",
        "socialist",
        "unionist",
        "nationalist",
        "ukip",
        "snp",
    ]
)


# Honorifics address a person; unlike titles (President, Foreign Minister) they are no role.
HONORIFICS: Final[frozenset[str]] = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sir",
        "dame",
        "lord",
        "lady",
        "sheikh",
        "shaikh",
        "mullah",
        "mufti",
        "maulana",
        "mawlawi",
        "hajji",
        "haji",
        # peers, named by their surname: "Baroness Thatcher", "Baron Kinnock of Bedwellty"
        "baron",
        "baroness",
        "viscount",
    ]
)
# Titles and honorifics: they describe a person, never name one. Longest first when matching.
TITLES: Final[frozenset[str]] = HONORIFICS | frozenset(
    [
        "professor",
        "president",
        "vice-president",
        "premier",
        "chancellor",
        "minister",
        "secretary",
        "ambassador",
        "envoy",
        "governor",
        "mayor",
        "senator",
        "sen.",
        "congressman",
        "congresswoman",
        "rep.",
        "chairman",
        "chairwoman",
        "director",
        "commissioner",
        "commander",
        "gen.",
        "colonel",
        "col.",
        "captain",
        "capt.",
        "lieutenant",
        "lt.",
        # military and police ranks as the British press abbreviates them, without a dot
        "lt",
        "col",
        "capt",
        "sgt",
        "maj",
        "gen",
        "brig",
        "cpl",
        "cdr",
        "supt",
        "admiral",
        "marshal",
        # police ranks: "Detective Chief Superintendent Tony Smith", "Chief Constable Jane Roe"
        "superintendent",
        "inspector",
        "insp",
        "constable",
        "sergeant",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "sultan",
        "emir",
        "amir",
        "ayatollah",
        "pope",
        "cardinal",
        "bishop",
        "archbishop",
        "rabbi",
        "judge",
        "ex-president",
        "ex-minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ceo",
        "justice",  # "Mr Justice Harrison", "Justice Scalia"
        "co-chairman",
        "general-secretary",
        "director-general",
        "lieutenant-general",
        "lieutenant-colonel",
        "major-general",
        "brigadier-general",
        "brigadier",
        # members of parliaments: "Labour MP Diane Abbott", "East Midlands MEP Robert Kilroy-Silk"
        "mp",
        "mep",
        "msp",
        "mla",
    ]
)
# Honours after a person's name: "William Haughey OBE", "Nicholas Blake QC". ("Frank Field MP"
# is no such cue: "Bolton West MP" is a seat's.)
POSTNOMINALS: Final[frozenset[str]] = frozenset(
    ["qc", "kc", "obe", "mbe", "cbe", "kbe", "dbe", "frs"]
)
# Titles that are also surnames or parts of names ("Stephen King", "Sacha Baron Cohen", "Burger
# King", "Desmond Bishop"): a title only at a run's start or after a role's place or another
# title ("Saudi King Abdullah", "Chief Judge").
SURNAME_TITLES: Final[frozenset[str]] = frozenset(
    [
        "king",
        "queen",
        "baron",
        "bishop",
        "judge",
        "marshal",
        "cardinal",
        "prince",
        "sultan",
        "constable",
    ]
)
# Titles a monarch's given name follows ("King Abdullah", "Queen Elizabeth"): the name after
# them is no surname.
REGNAL_TITLES: Final[frozenset[str]] = frozenset(
    ["king", "queen", "prince", "princess", "emperor", "empress", "pope", "crown prince"]
)
# "Minister of Defense Marshall Fahim": the department is part of the title, not the name.
DEPARTMENTS: Final = (
    "defense",
    "defence",
    "foreign affairs",
    "finance",
    "interior",
    "the interior",
    "health",
    "justice",
    "education",
    "trade",
    "agriculture",
    "energy",
    "economy",
    "labour",
    "labor",
    "transport",
    "culture",
    "information",
    "industry",
    "the treasury",
    "homeland security",
    "war",
)
TITLE_PHRASES: Final[tuple[tuple[str, ...], ...]] = tuple(
    tuple(p.split())
    for p in sorted(
        [
            *"""foreign minister|prime minister|foreign secretary|home secretary|defence secretary|
            defense secretary|secretary of state|secretary general|secretary-general|
            vice president|deputy prime minister|supreme leader|crown prince|chief executive|
            chief justice|attorney general|interior minister|defence minister|defense minister|
            finance minister|economy minister|council president|first minister|
            prime minister of|field marshal|inspector general""".replace("\n", "").split("|"),
            *(
                f"{office} of {department}"
                for office in ("minister", "secretary")
                for department in DEPARTMENTS
            ),
        ],
        key=lambda p: -len(p.split()),
    )
    if p.strip()
)
# Words that qualify a title before it ("Chief Secretary", "Shadow Home Secretary", "Trade
# Commissioner", "Grand Ayatollah"): part of the title, so never a name or a role's owner.
TITLE_QUALIFIERS: Final[frozenset[str]] = frozenset(
    [
        "chief",
        "deputy",
        "vice",
        "acting",
        "special",  # "Special Envoy", "Special Inspector General"
        "detective",
        "det",
        "former",
        "senior",
        "junior",
        "assistant",
        "associate",
        "interim",
        "executive",
        "principal",
        "joint",
        "first",
        "shadow",
        "general",
        "high",
        "grand",
        "supreme",
        "permanent",
        "parliamentary",
        "managing",
        "home",
        "foreign",
        "environment",
        "security",
        "sports",
        "sport",
        "treasury",
        # not "labour": "Labour Chairman Ian McCartney" holds his title in the Labour party
        *(d for d in DEPARTMENTS if " " not in d and d not in ("labour", "labor")),
    ]
)
# Groups of people whose possessive opens a name: "People's Liberation Army", "Workers' Party".
COLLECTIVE_OWNERS: Final[frozenset[str]] = frozenset(
    [
        "people",
        "peoples",
        "women",
        "men",
        "children",
        "boys",
        "girls",
        "workers",
        "farmers",
        "citizens",
        "veterans",
        "teachers",
        "nurses",
        "doctors",
        "miners",
        "students",
        "soldiers",
        "consumers",
        "taxpayers",
        "writers",
        "journalists",
        "employers",
        "traders",
        "bankers",
        "investors",
        "shareholders",
        "mothers",
        "parents",
        "pensioners",
        "lawyers",
        "patients",
        "nations",
        "ladies",
        "gentlemen",
    ]
)
# A last word naming an organization ("Islamic Jihad Union", "State Department").
ORG_WORDS: Final[frozenset[str]] = frozenset(
    [
        "democrats",
        "republicans",
        "socialists",
        "conservatives",
        "liberals",
        "dems",
        # a party named by its members' form: "Liberal Democrat", "Lib Dem", "New Labour"
        "democrat",
        "dem",
        "labour",
        "nationalists",
        "communists",
        "group",
        "union",
        "movement",
        "party",
        "network",
        "department",
        "council",
        "organization",
        "organisation",
        "bank",
        "forum",
        "ministry",
        "army",
        "emirate",
        "committee",
        "agency",
        "association",
        "institute",
        "university",
        "college",
        "school",
        "company",
        "corporation",
        "corp",
        "corp.",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "plc",
        "llc",
        "commission",
        "court",
        "office",
        "assembly",
        "parliament",
        "congress",
        "senate",
        "federation",
        "front",
        "brigade",
        "brigades",
        "battalion",
        "fund",
        "club",
        "times",
        "journal",
        "post",
        "news",
        "magazine",
        "newspaper",
        "tribune",
        "alliance",
        "league",
        "coalition",
        "foundation",
        "service",
        "services",
        "police",
        "navy",
        "force",
        "forces",
        "guard",
        "guards",
        "corps",
        "brothers",  # "Lehman Brothers", "Warner Brothers"
        # football clubs: "Manchester United", "Blackburn Rovers", "Wigan Athletic"
        "united",
        "rovers",
        "athletic",
        "brotherhood",
        "centre",
        "center",
        "airlines",
        "airways",
        "holdings",
        "reserve",
        "exchange",
        "authority",
        "board",
        "caliphate",
        "state",
        "cabinet",
        "government",
        "administration",
        "bureau",
        "unit",
        "division",
        "command",
        "secretariat",
        "trust",
        "institution",
        "society",
        "church",
        "team",
        "fc",
        "guild",
        "radio",
        "tv",
        "television",
        "broadcasting",
        "press",
        "media",
        "records",
        "studios",
        "studio",
        # "Amnesty International", "Tyco International": no person's last name
        "international",
        "motors",
        "group",
        # companies named for their trade ("Goodbody Stockbrokers", "Jupiter Research")
        "stockbrokers",
        "brokers",
        "securities",
        "partners",
        "associates",
        "research",
        "consulting",
        "consultants",
        "insurance",
        "investments",
        "industries",
        "technologies",
        "systems",
        "pharmaceutical",
        "pharmaceuticals",
        "telecom",
        "telecoms",
        "communications",
        "networks",
        "entertainment",
        "pictures",
        # picture agencies, named in photo credits: "Getty Images", "Rex Features"
        "images",
        "photos",
        "features",
        "electronics",
        "software",
        "labs",
        "laboratories",
        "petroleum",
        "chemicals",
        "railways",
        "ventures",
        "enterprises",
        "logistics",
    ]
)
# First words that make a name an organization, in the languages armed groups name themselves in.
ORG_FIRST_WORDS: Final[frozenset[str]] = frozenset(
    [
        "jamaat",
        "jamaat-ul",
        "katibat",
        "harakat",
        "hizb",
        "tehrik",
        "tahrik",
        "jabhat",
        "liwa",
        "jaish",
        "lashkar",
        "ansar",
        # the words that open a company's name in its own language: "Deutsche Boerse",
        # "Banco Santander", "Credit Suisse", "Societe Generale", "Groupe Danone"
        "deutsche",
        "banco",
        "banca",
        "banque",
        "credit",
        "crédit",
        "societe",
        "société",
        "groupe",
        "grupo",
        "compagnie",
    ]
)
# Well-known organizations that carry no organization word, like a gazetteer of places.
KNOWN_ORGS: Final[frozenset[str]] = frozenset(
    [
        "taliban",
        "al qaeda",
        "hamas",
        "hezbollah",
        "isis",
        "isil",
        "daesh",
        "nato",
        "un",
        "eu",
        "opec",
        "imf",
        "wto",
        "fbi",
        "cia",
        "nasa",
        "bbc",
        "kremlin",
        "pentagon",
        "interpol",
        "unicef",
        "unesco",
        "asean",
        "sco",
        "cis",
        "g7",
        "g20",
        "european union",
        "united nations",
        # institutions named by one word: "in Parliament" is no place
        "parliament",
        "cabinet",
        "congress",
        "senate",
        "commons",
        "treasury",
        "whitehall",
        "duma",
        "knesset",
        "bundestag",
    ]
)
# A last word naming a place ("Ferghana Valley", "Black Sea").
PLACE_WORDS: Final[frozenset[str]] = frozenset(
    [
        "road",
        "line",
        "highway",
        "canal",
        "pass",
        "border",
        "valley",
        "river",
        "sea",
        "ocean",
        "mountains",
        "mountain",
        "province",
        "region",
        "street",
        "city",
        "island",
        "islands",
        "gulf",
        "lake",
        "port",
        "peninsula",
        "desert",
        "county",
        "district",
        "state's",
        "territory",
        "capital",
        "strait",
        "bay",
        "coast",
        "plateau",
        "basin",
        "oblast",
        "republic",
        "village",
        "town",
        "square",
        "airport",
    ]
)
# The last word of a company's, party's or club's name after the word it goes by alone
# ("Altria Group", "Mitsubishi Motors", "Conservative Party", "Sunderland FC"). Not the words of
# a product, service, event or institution the word's owner runs or a place hosts ("Google
# News", "Windows PCs", "Kyoto Protocol", "Colorado State University"), whose first word alone
# names the owner or the place. Not "International" either: "Leipzig International" is a meeting.
COMPANY_SUFFIXES: Final[frozenset[str]] = frozenset(
    [
        "group", "holdings", "inc", "inc.", "corp", "corp.", "corporation", "company", "ltd",
        "ltd.", "plc", "llc", "motors", "brothers", "airlines", "airways",
        "industries", "securities", "research", "networks", "communications", "studios",
        "records", "pictures", "entertainment", "petroleum", "party", "bank", "breweries",
        "steel", "oil", "technologies", "systems", "software", "electronics", "telecom",
        "telecoms", "partners", "associates", "consulting", "insurance", "investments",
        "ventures", "enterprises", "logistics", "chemicals", "pharmaceuticals", "stockbrokers",
        "brokers", "financial", "energy", "fc", "united", "rovers", "athletic",
    ]
)  # fmt: skip
# Words that place a name rather than name it: "East" of "East Jerusalem" is no short form.
DIRECTION_WORDS: Final[frozenset[str]] = frozenset(
    [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
        "greater",
    ]
)  # fmt: skip
# A last word naming a venue or a building ("Kodak Theatre", "Millennium Stadium", "Clarence
# House"), a place, yet kept apart from PLACE_WORDS: in "House of Commons" or "Stadium of
# Light" such a word does not head a place named after "of" as "Provinces of Faryab" does.
VENUE_WORDS: Final[frozenset[str]] = frozenset(
    ["theatre", "theater", "stadium", "arena", "hotel", "hospital", "house"]
)
# A last word naming a thing: events, documents, products.
OTHER_WORDS: Final[frozenset[str]] = frozenset(
    [
        "slam",
        "open",
        "trophy",
        "league",
        "final",
        "semi-final",
        "derby",
        "grammy",
        "oscars",
        "depression",
        "recession",
        "report",
        "initiative",
        "agreement",
        "treaty",
        "corridor",
        "route",
        "operation",
        "operations",
        "war",
        "conference",
        "summit",
        "games",
        "day",
        "prize",
        "award",
        "act",
        "law",
        "cup",
        "championship",
        "championships",
        "olympics",
        "festival",
        "film",
        "album",
        "accord",
        "deal",
        "plan",
        "programme",
        "program",
        "pact",
        "doctrine",
        "protocol",
        "convention",
        "declaration",
        "strategy",
        "project",
        "pipeline",
        "index",
        "awards",
        "show",
        "series",
        "tour",
        "election",
        "elections",
        "revolution",
        "crisis",
    ]
)
# Lowercase words right before a name that make it a work's title: "the film Vera Drake",
# "drama Vera Drake". Nouns only: a verb ("play", "show", "book") stands before people too, and
# an adjective ("blockbuster West End musicals") before places.
WORK_NOUNS: Final[frozenset[str]] = frozenset(
    [
        "film",
        "films",
        "movie",
        "drama",
        "comedy",
        "musical",
        "album",
        "novel",
        "sitcom",
        "documentary",
        "biopic",
        "thriller",
        "opera",
    ]
)
# Lowercase words right before a name that make it a person: "columnist Walter Russell Mead".
PERSON_NOUNS: Final[frozenset[str]] = frozenset(
    [
        "columnist",
        "analyst",
        "expert",
        "chairman",
        "chairwoman",
        "chief",
        "executive",
        "minister",
        "spokesman",
        "spokeswoman",
        "leader",
        "emir",
        "amir",
        "commander",
        "founder",
        "president",
        "director",
        "secretary",
        "ambassador",
        "official",
        "officer",
        "economist",
        "professor",
        "scholar",
        "journalist",
        "correspondent",
        "editor",
        "author",
        "writer",
        "actor",
        "actress",
        "singer",
        "star",
        "player",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "coach",
        "manager",
        "boss",
        "captain",
        "rapper",
        "musician",
        "comedian",
        "presenter",
        "host",
        "designer",
        "chancellor",
        "premier",
        "governor",
        "senator",
        "lawmaker",
        "mp",
        "judge",
        "lawyer",
        "attorney",
        "prosecutor",
        "activist",
        "deputy",
        "envoy",
        "negotiator",
        "general",
        "colonel",
        "spokesperson",
        "cleric",
        "ideologue",
        "militant",
        "fighter",
        "billionaire",
        "magnate",
        "oligarch",
        "investor",
        "businessman",
        "businesswoman",
        "entrepreneur",
        "banker",
        "campaigner",
        "colleague",
        "classmate",
    ]
)
# Holidays and recurring events: capitalized, single-word, yet neither a group nor a person.
EVENT_WORDS: Final[frozenset[str]] = frozenset(
    [
        "christmas",
        "easter",
        "ramadan",
        "eid",
        "diwali",
        "hanukkah",
        "passover",
        "thanksgiving",
        "halloween",
        "lent",
        "advent",
        "nowruz",
        "navruz",
        "hajj",
        "olympics",
        "paralympics",
        # competitions and awards: "the Premiership", "an Oscar", "two Baftas"
        "premiership",
        "bundesliga",
        "oscar",
        "oscars",
        "grammy",
        "grammys",
        "emmy",
        "emmys",
        "bafta",
        "baftas",
        "golden globe",
        "golden globes",
        "new year",
    ]
)
SPEECH_VERBS: Final = (
    "said|says|say|told|tells|stated|states|added|adds|continued|continues|declared|declares|"
    "wrote|writes|warned|warns|insisted|insists|argued|argues|noted|notes|explained|explains|"
    "claimed|claims|announced|announces|asked|asks|replied|replies|urged|urges|confirmed|"
    "confirms|admitted|admits|stressed|stresses|proceeds by saying|quotes|quoted|tweeted|posted"
)

# Peoples and faiths: capitalized, yet groups of people rather than one named thing.
PEOPLE_WORDS: Final[frozenset[str]] = frozenset(
    [
        "muslims",
        "muslim",
        "christians",
        "christian",
        "jews",
        "jewish",
        "arabs",
        "arab",
        "palestinians",
        "israelis",
        "shia",
        "shiites",
        "shiite",
        "sunni",
        "sunnis",
        "hindus",
        "hindu",
        "buddhists",
        "kurds",
        "pashtuns",
        "uighurs",
        "uyghurs",
        "islamists",
        "jihadists",
        "europeans",
        "americans",
        "africans",
        "asians",
        "latinos",
        "catholics",
        "protestants",
        "orthodox",
        "mujahideen",
        "democrats",
        "republicans",
    ]
)
# Acronyms that name a measure or a kind of thing, not an organization.
COMMON_ACRONYMS: Final[frozenset[str]] = frozenset(
    [
        "gdp",
        "gnp",
        "ceo",
        "cfo",
        "tv",
        "pc",
        "dvd",
        "cd",
        "aids",
        "hiv",
        "it",
        "ai",
        "gmo",
        "co2",
        "wmd",
        "ipo",
        "vat",
        "fdi",
        "ict",
        "sms",
        "gps",
        "ngo",
        "mp",
        "mep",
        "msp",
        "bmi",
        "sars",
        "covid",
        "rnd",
        "r&d",
        # a music genre and a format, spelled as firms are ("AT&T", "P&O")
        "r&b",
        "q&a",
        "ppp",
        "cpi",
        # things, units and times, not bodies: "ID cards", "18:00 GMT", "HD TV", "P2P networks"
        "id",
        "gmt",
        "bst",
        "dna",
        "tb",
        "qe",
        "hd",
        "mp3",
        "p2p",
        "mbps",
    ]
)
# Role nouns of a team's or a band's own members: "Arsenal striker X" is one of Arsenal's.
MEMBER_NOUNS: Final[frozenset[str]] = frozenset(
    [
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "keeper",
        "winger",
        "forward",
        "captain",
        "skipper",
        "prop",
        "hooker",
        "lock",
        "flanker",
        "scrum-half",
        "fly-half",
        "full-back",
        "centre",
        "batsman",
        "bowler",
        "wicketkeeper",
        "all-rounder",
        "singer",
        "rapper",
        "guitarist",
        "bassist",
        "drummer",
        "vocalist",
        "frontman",
        "keyboardist",
    ]
)
# Lower-case nouns of an office or a trade that, right before a name, say the person's job
# ("education secretary Ruth Kelly", "Chelsea boss Jose Mourinho", "the singer Will Young").
# Not kinship or company ("his wife X", "colleague X"): those relate two people. A team's or
# band's member nouns (MEMBER_NOUNS) are all role nouns too.
ROLE_NOUNS: Final[frozenset[str]] = (
    frozenset(
        [
            "minister",
            "secretary",
            "president",
            "vice-president",
            "chancellor",
            "premier",
            "governor",
            "mayor",
            "senator",
            "congressman",
            "congresswoman",
            "chairman",
            "chairwoman",
            "director",
            "commissioner",
            "commander",
            "ambassador",
            "envoy",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "leader",
            "chief",
            "executive",
            "ceo",
            "founder",
            "manager",
            "coach",
            "boss",
            "actor",
            "actress",
            "musician",
            "comedian",
            "presenter",
            "designer",
            "editor",
            "economist",
            "analyst",
            "professor",
            "lawyer",
            "attorney",
            "prosecutor",
            "judge",
            "colonel",
            # athletes of no team (players of one are MEMBER_NOUNS)
            "sprinter",
            "hurdler",
            # trades of writing, research and the arts
            "novelist",
            "playwright",
            "poet",
            "historian",
            "scientist",
            "philosopher",
            "journalist",
            "columnist",
            "correspondent",
            "reporter",
            "photographer",
            "producer",
            "composer",
            "pianist",
        ]
    )
    | MEMBER_NOUNS
)
# What the three characters before a name's space end in if a role noun is the word there
# ("...ary", or "ry," before an apposition): a slice and a lookup rule out most names cheaply.
ROLE_NOUN_ENDS: Final[frozenset[str]] = frozenset(
    ending for noun in ROLE_NOUNS for ending in (noun[-3:], f"{noun[-2:]},")
)
# Words that may qualify such a noun, of any case ("Defence minister" opens a sentence): the
# title qualifiers, and a few of an office's or a team's own.
ROLE_MODIFIERS: Final[frozenset[str]] = TITLE_QUALIFIERS | frozenset(
    [
        "prime",
        "opposition",
        "police",
        "army",
        "party",
        "club",
        "team",
        "national",
        "vice",
        "new",
        "then",
        "current",
        "outgoing",
        "incoming",
        "late",
    ]
)
# Modifiers that date a role rather than name it ("new education secretary"): left out of it.
ROLE_TIME_WORDS: Final[frozenset[str]] = frozenset(
    ["new", "then", "current", "outgoing", "incoming"]
)
# Not a field but a verb whose object the title is ("Chelsea brought striker X", "Paris has
# coach Y"; past forms in "-ed" are told by their ending), or a noun naming the person, whose
# qualifier the name before it is ("Nobel laureate economist X").
NOT_FIELD_WORDS: Final[frozenset[str]] = PERSON_NOUNS | frozenset(
    [
        "has",
        "have",
        "had",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "does",
        "did",
        "brought",
        "made",
        "makes",
        "told",
        "tells",
        "said",
        "says",
        "gave",
        "gives",
        "took",
        "takes",
        "got",
        "gets",
        "sent",
        "saw",
        "sees",
        "left",
        "put",
        "let",
        "hit",
        "beat",
        "lost",
        "won",
        "met",
        "meets",
        "including",
        "featuring",
        "following",
        "laureate",
        "winner",
        "veteran",
    ]
)
