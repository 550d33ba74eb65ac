"""Question shapes that lean on one word of their form: "how much was the X", "where is X
from", "where does X work", a verb before a final preposition, clipped party names, an age
in apposition, and a news lede that names its subject only in the next sentence. Each test
builds a tiny invented fact base, so it shows one mechanism and fails without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_articles import abstains, answer, open_article

from bot.engine import Engine
from bot.engine.text import QUOTE_RUNS_ON, quote_state
from bot.factbase import Entity, Relation

ENTITIES = [
    Entity("piet-galan", "Piet Galan", "person", ("Galan",)),
    Entity("ada-morn", "Ada Morn", "person", ("Morn",)),
    Entity("norrow-prison", "Norrow Prison", "place", ()),
    Entity("dunmere", "Dunmere", "place", ()),
    Entity("ostria", "Ostria", "place", ()),
    Entity("velor", "Velor", "place", ()),
    Entity("liberal-greens", "Liberal Greens", "organization", ()),
    Entity("harlow-mining", "Harlow Mining", "organization", ()),
    Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    Entity("lea-voss", "Lea Voss", "person", ("Voss",)),
    Entity("denmark", "Denmark", "place", ()),
    Entity("kessel", "Kessel", "organization", ()),
    Entity("greece", "Greece", "place", ()),
    Entity("sun-and-sea-plan", "Sun and Sea Plan", "other", ()),
    Entity("tom-reed", "Tom Reed", "person", ("Reed",)),
    Entity("velor-regatta", "Velor Regatta", "other", ()),
    Entity("sea-lark", "Sea Lark", "other", ()),
    Entity("red-hand", "Red Hand", "organization", ()),
    Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
    Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    Entity("rolf-dane", "Rolf Dane", "person", ("Dane",)),
    Entity("sea-front", "Sea Front", "organization", ()),
    Entity("kai-moss", "Kai Moss", "person", ("Moss",)),
    Entity("ned-bly", "Ned Bly", "person", ("Bly",)),
    Entity("lake-guard", "Lake Guard", "organization", ()),
    Entity("una-pell", "Una Pell", "person", ("Pell",)),
    Entity("lund-institute", "Lund Institute", "organization", ()),
    Entity("wardens", "Wardens", "organization", ()),
    Entity("pact", "Pact", "other", ()),
]
TITLE = "Prison man 'suing ministry'"
SENTENCES = [
    "A fisherman held in Norrow Prison for 14 months plans to sue the ministry.",
    "Piet Galan claimed in the Courier that an officer had framed him.",
    "Mr Galan, 41, from Dunmere, said he was beaten in Norrow Prison.",
    "Galan was later moved to a cell in Ostria, he said.",
    "Ivo Tarr was held in Ostria for three years.",
    "Ada Morn, the Liberal Greens' justice spokeswoman, called for an inquiry.",
    "Harlow Mining was fined $2m for bribing prison officials in Velor.",
    "A Harlow Mining manager gave a $40,000 bribe to a prison governor.",
    "Harlow Mining is also paying $300,000 to settle the bribe charge.",
    "Lea Voss, a mining analyst at Harlow Mining, said the fine was fair.",
    "Harlow Mining will work with Velor to improve its prisons.",
    "Today, the capital, Dunmere, is calm again.",
    "Shipping firms such as Denmark's Kessel started new ferry services.",
    "Greek sailors crossed the strait in May.",
    "Greece protested.",
    "For Velor, the harbour is the heart of its flagship Sun and Sea Plan.",
    "The plan was praised by former Foreign Minister Tom Reed.",
    "Two weeks after the trial, Galan paid a visit to Ostria.",
    "During his two-day visit, he met lawyers.",
    "The Velor Regatta will be held next month.",
    "Galan's pride was his Sea Lark, a $9 million boat.",
    "The Red Hand and its leader Omar Vane hid there.",
    "Ostria's President Ada Quin met the press.",
    "With President Quin touring the coast, the talks stalled.",
    "Power lies with Minister of Trade Rolf Dane and his allies.",
    "The Sea Front praised its former chief, Ned Bly, in a letter.",
    "Sea Front leader Ned Bly signed the pact in 1990.",
    "Kai Moss now heads the Sea Front.",
    "The north wing of the Lake Guard is led by Omar Vane.",
    "The Lake Guard's south wing is led by Rolf Dane.",
    "In May the Lake Guard, led by Rolf Dane, marched.",
    "Ostria left the Sun and Sea Plan (SSP) last year.",
    "The fine was fair, chief executive Una Pell said.",
    (
        "Harlow Mining said that after a year of strikes and fines in three countries oil "
        "prices hurt its shares."
    ),
    "Profit dipped 4% to $9m last year.",
    "Snow may fall on the pass in winter.",
    "Guards then transported Piet Galan to a jail in Ostria.",
    "Ned Bly, who styled himself the Sea Wolf, led raids for years.",
    "The Lund Institute was invited to visit the country.",
    "The film, starring Ivo Marsh as Piet Galan, opens in May.",
    "Ostria buys up to 30% of Velor's fish exports.",
    "Fish exports from Velor grew in May.",
    "The Wardens and their dogs watched the pass in May.",
    'Galan relies on guards he calls "Wardens," who watch the pass.',
    "A barque sank near Dunmere in May.",
    'Each spring the port fills with the barque, or "tall ship," of every trader.',
    "In Ostria, Sea Front drills hard.",
    "Sea Front drills hard in Dunmere.",
    "Galan swore loyalty [Pact] to the Wardens in 1990.",
    "They are all bound by the Pact, which means an oath of silence.",
    "Critics say island prisons in Velor are cruel and island prisons are full.",
    "Such prisons have been described as \u201cstone coffins\u201d by inspectors.",
]


# What the compiler records: "President Quin" is Ostria's, as the sentence before says.
RELATIONS = {
    **{
        SENTENCES.index(s): (Relation("role", "ada-quin", "President", "ostria"),)
        for s in SENTENCES
        if "President" in s
    },
    SENTENCES.index("Kai Moss now heads the Sea Front."): (
        Relation("leader", "sea-front", "Kai Moss", "kai-moss"),
    ),
    SENTENCES.index("Sea Front leader Ned Bly signed the pact in 1990."): (
        Relation("leader", "sea-front", "Ned Bly", "ned-bly"),
    ),
    SENTENCES.index("The north wing of the Lake Guard is led by Omar Vane."): (
        Relation("leader", "lake-guard", "Omar Vane", "omar-vane"),
    ),
    SENTENCES.index("The Lake Guard's south wing is led by Rolf Dane."): (
        Relation("leader", "lake-guard", "Rolf Dane", "rolf-dane"),
    ),
    SENTENCES.index("In May the Lake Guard, led by Rolf Dane, marched."): (
        Relation("leader", "lake-guard", "Rolf Dane", "rolf-dane"),
    ),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    root = tmp_path_factory.mktemp("shapes")
    opened = open_article(root, "galan", TITLE, SENTENCES, ENTITIES, RELATIONS)
    yield opened
    opened.close()


def test_how_much_was_the_x_prefers_the_amount_written_before_x(engine: Engine) -> None:
    assert "$40,000 bribe" in answer(engine, "How much was the bribe?")


def test_where_is_x_from_takes_the_place_after_from(engine: Engine) -> None:
    assert "from Dunmere" in answer(engine, "Where is Galan from?")


def test_the_verb_before_a_final_preposition_is_what_is_asked(engine: Engine) -> None:
    assert "stone coffins" in answer(engine, "What have island prisons been described as?")


def test_clipped_party_name_meets_the_full_name(engine: Engine) -> None:
    assert "Ada Morn" in answer(engine, "Who is the Lib Green justice spokeswoman?")


@pytest.mark.parametrize(
    "text",
    [
        "Who is the Lib justice spokeswoman?",  # one clipped word alone
        "Who is the lib green justice spokeswoman?",  # not written as a name
        "Who is the Lab Green justice spokeswoman?",  # a word that starts no word of it
    ],
)
def test_clipped_names_need_two_capitalised_starts(engine: Engine, text: str) -> None:
    found = engine.names.find(text, engine.known)
    assert all("liberal-greens" not in m.entity_ids for m in found), found


def test_a_lede_stands_for_the_subject_its_story_names_next(engine: Engine) -> None:
    # The first sentence says "A fisherman"; the story is about Galan (named in most facts).
    assert "14 months" in answer(engine, "How long was Piet Galan held in Norrow Prison?")


def test_a_lede_does_not_stand_for_someone_else(engine: Engine) -> None:
    assert abstains(engine, "How long was Ada Morn held in Norrow Prison?")


def test_a_sentence_naming_another_person_does_not_stand_for_the_topic(engine: Engine) -> None:
    assert abstains(engine, "How long was Piet Galan held in Ostria?")


def test_where_does_x_work_is_the_organization_after_at(engine: Engine) -> None:
    assert "analyst at Harlow Mining" in answer(engine, "Where does Lea Voss work?")


def test_who_works_at_y_is_the_person_before_at_y(engine: Engine) -> None:
    assert "Lea Voss" in answer(engine, "Who works at Harlow Mining?")


def test_an_age_in_apposition_answers_how_old(engine: Engine) -> None:
    assert "Galan, 41," in answer(engine, "How old is Piet Galan?")


def test_a_role_in_apposition_is_not_qualified_across_a_comma(engine: Engine) -> None:
    # The story is about Velor; "Today," qualifies no capital.
    assert "the capital, Dunmere" in answer(engine, "What is the capital of Velor?")


def test_a_demonym_the_documents_never_use_stands_for_its_country(engine: Engine) -> None:
    assert "Kessel" in answer(engine, "Which Danish company started new ferry services?")


def test_a_demonym_the_documents_use_is_matched_as_written(engine: Engine) -> None:
    assert "in May" in answer(engine, "When did the Greek sailors cross the strait?")


def test_a_name_with_a_lowercase_joining_word_is_a_name(engine: Engine) -> None:
    # "Velor's Sun and Sea Plan": "Sun" is part of a name, not something of Velor's.
    assert "the harbour" in answer(engine, "What is the heart of Velor's Sun and Sea Plan?")


def test_a_former_title_does_not_answer_who_holds_it(engine: Engine) -> None:
    assert abstains(engine, "Who is the foreign minister of Velor?")


def test_a_measure_written_before_the_asked_noun_answers_best(engine: Engine) -> None:
    assert "two-day visit" in answer(engine, "How long was Galan's visit to Ostria?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When will the Velor Regatta take place?", "next month"),  # "take place": happen
        ("How much is the Sea Lark worth?", "$9 million"),  # the amount says the worth
    ],
)
def test_a_question_of_light_words_asks_only_for_its_kind_of_answer(
    engine: Engine, question: str, expected: str
) -> None:
    assert expected in answer(engine, question)


def test_a_title_whose_owner_the_sentence_names_is_not_the_topics(engine: Engine) -> None:
    # The story is about Ostria, but "its leader" is the Red Hand's.
    assert abstains(engine, "Who is the leader of Ostria?")


def test_a_title_the_compiler_gave_another_owner_is_not_the_topics(engine: Engine) -> None:
    # The story is about Velor; "President Quin" is Ostria's president.
    assert abstains(engine, "Who is the president of Velor?")


def test_a_title_with_its_department_before_a_name(engine: Engine) -> None:
    assert "Rolf Dane" in answer(engine, "Who is Velor's Minister of Trade?")


def test_a_leader_the_documents_call_former_ranks_below_the_others(engine: Engine) -> None:
    assert "Kai Moss" in answer(engine, "Who leads the Sea Front?")


def test_of_level_leaders_the_one_named_leader_most_often_comes_first(engine: Engine) -> None:
    assert "Rolf Dane" in answer(engine, "Who leads the Lake Guard?")


@pytest.mark.parametrize(
    "question",
    [
        "What is the Sun and Sea Plan abbreviated as?",
        "What is the acronym of the Sun and Sea Plan?",
        "What is the abbreviation for Sun and Sea Plan?",
    ],
)
def test_asked_for_an_abbreviation_the_long_form_with_its_acronym_answers(
    engine: Engine, question: str
) -> None:
    assert "Sun and Sea Plan (SSP)" in answer(engine, question)


def test_a_two_word_attribute_of_a_possessive_name(engine: Engine) -> None:
    # The story is about Harlow Mining; the sentence names its chief executive only.
    assert "Una Pell" in answer(engine, "Who is Harlow Mining's chief executive?")


def test_a_two_word_attribute_must_be_tied_to_the_name(engine: Engine) -> None:
    assert abstains(engine, "What is Harlow Mining's share price?")


def test_a_fall_is_met_by_a_dip(engine: Engine) -> None:
    assert "dipped 4%" in answer(engine, "How much did Harlow Mining's profit fall?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where was Piet Galan taken?", "transported Piet Galan"),  # take: transport
        ("What did Ned Bly call himself?", "styled himself"),  # a light verb, said otherwise
        ("Which institute visited Velor?", "Lund Institute"),  # "the country": the story's
        ("Who plays Galan in the film?", "starring"),  # play: star
    ],
)
def test_words_said_otherwise(engine: Engine, question: str, expected: str) -> None:
    assert expected in answer(engine, question)


def test_what_share_asks_for_an_amount(engine: Engine) -> None:
    assert "30%" in answer(engine, "What share of Velor fish exports goes to Ostria?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What are Wardens?", 'he calls "Wardens," who'),  # a name given, then explained
        ("What is a barque?", 'or "tall ship,"'),  # a word glossed where it is used
        ("What is the Pact?", "which means"),  # over a name merely in brackets
    ],
)
def test_a_gloss_defines(engine: Engine, question: str, expected: str) -> None:
    assert expected in answer(engine, question)


def test_an_order_is_read_as_the_question_it_stands_for(engine: Engine) -> None:
    assert "Kai Moss" in answer(engine, "Name the leader of the Sea Front")


def test_of_level_facts_the_one_opening_with_the_name_comes_first(engine: Engine) -> None:
    assert answer(engine, "Where does the Sea Front drill?").startswith("Sea Front drills")


GLOSSED = [
    "The Stor of Velor hosted Piet Galan and Ostria's envoys in Dunmere.",
    "In May, farmers met in the Stor [village assembly] at dawn.",
    "The Kelts of Velor sent Piet Galan and Ostria's envoys to Dunmere.",
    "Wool from the Kelts (hill farmers) sold well in May.",
]
GLOSSED_ENTITIES = [
    Entity("stor", "Stor", "other", ()),
    Entity("kelts", "Kelts", "other", ()),
    Entity("piet-galan", "Piet Galan", "person", ()),
    Entity("velor", "Velor", "place", ()),
    Entity("dunmere", "Dunmere", "place", ()),
    Entity("ostria", "Ostria", "place", ()),
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [("What is the Stor?", "[village assembly]"), ("Who are the Kelts?", "(hill farmers)")],
)
def test_a_gloss_in_brackets_after_the_word_defines(
    tmp_path: Path, question: str, expected: str
) -> None:
    with open_article(tmp_path, "stor", "Velor notes", GLOSSED, GLOSSED_ENTITIES) as engine:
        assert expected in answer(engine, question)


def test_the_noun_counted_is_no_name_even_when_one_is_spelt_so(tmp_path: Path) -> None:
    sentences = [
        "The People's Guard marched through Velor in May.",
        "The flood in Velor displaced 4,000 residents last year.",
    ]
    entities = [
        Entity("people", "People", "organization", ()),  # as compiled from "People's Guard"
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "flood", "Velor flood", sentences, entities) as engine:
        assert "4,000" in answer(engine, "How many people did the flood in Velor displace?")


def test_a_fact_naming_the_places_asked_is_shown_before_its_antecedent(tmp_path: Path) -> None:
    sentences = [
        "The Velor League was set up in Dunmere in 1990.",
        "Today, its members are Ostria and Kessel, while Tarn is an observer.",
    ]
    entities = [
        Entity("velor-league", "Velor League", "organization", ()),
        *(Entity(n.lower(), n, "place", ()) for n in ("Dunmere", "Ostria", "Kessel", "Tarn")),
    ]
    with open_article(tmp_path, "league", "Velor League", sentences, entities) as engine:
        found = answer(engine, "Which countries are observers in the Velor League?")
        assert found.startswith("Today, its members")


def test_a_share_is_a_percentage_or_a_fraction_not_a_sum(tmp_path: Path) -> None:
    sentences = [
        "Kessel Foods paid $2m for a fish market stall in Velor.",
        "Kessel Foods holds more than a quarter of the Velor fish market.",
    ]
    entities = [
        Entity("kessel-foods", "Kessel Foods", "organization", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "fish", "Velor fish", sentences, entities) as engine:
        found = answer(engine, "What share of the Velor fish market does Kessel Foods hold?")
        assert "a quarter of" in found


def test_the_noun_after_which_names_the_answer_not_an_attribute_to_tie(tmp_path: Path) -> None:
    sentences = [
        "The ports of Velor were busy in May.",
        "Built for Velor, the new ferry serves Dunmere and Brell.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("brell", "Brell", "place", ()),
    ]
    with open_article(tmp_path, "ferry", "Velor ferry", sentences, entities) as engine:
        assert "Dunmere and Brell" in answer(engine, "Which ports of Velor does the ferry serve?")


@pytest.mark.parametrize(
    ("said", "answers"),
    [
        ("The Velor summit was held in Dunmere in May.", False),  # a past one: another
        ("The next Velor summit will be held in Dunmere in May.", True),
        ("The Velor summit is set for May, in Dunmere.", True),
    ],
)
def test_the_next_one_is_one_to_come(tmp_path: Path, said: str, answers: bool) -> None:
    entities = [Entity("velor", "Velor", "place", ()), Entity("dunmere", "Dunmere", "place", ())]
    with open_article(tmp_path, "summit", "Velor summit", [said], entities) as engine:
        assert abstains(engine, "When is the next Velor summit?") is not answers


def test_the_number_of_x_names_a_count_given_later(tmp_path: Path) -> None:
    sentences = [
        "Farmers in Velor sold 300 tonnes of wool in 2004.",
        "The number of farmers leaving Velor for Dunmere rose to 4,000 in May.",
    ]
    entities = [Entity("velor", "Velor", "place", ()), Entity("dunmere", "Dunmere", "place", ())]
    with open_article(tmp_path, "farmers", "Velor farmers", sentences, entities) as engine:
        assert "4,000" in answer(engine, "How many farmers left Velor for Dunmere?")


def test_a_possessive_with_a_qualifier_ties_the_attribute_asked_with_of(tmp_path: Path) -> None:
    # "the chief executive of X" is written "X's chief executive, Y": the possessive and a
    # qualifier stand between the name and the attribute.
    sentences = [
        "Harlow Mining opened a mine in Velor.",
        '"The mine will pay," Una Pell, Harlow Mining\'s chief executive, told reporters.',
    ]
    entities = [
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
        Entity("una-pell", "Una Pell", "person", ("Pell",)),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "mine", "Harlow mine", sentences, entities) as engine:
        assert "Una Pell" in answer(engine, "Who is the chief executive of Harlow Mining?")


def test_a_capitalised_first_word_does_not_qualify_a_title_after_it(tmp_path: Path) -> None:
    # "Discontent" is capitalised for opening the sentence; it titles no president.
    sentences = [
        "Harlow Mining opened a mine in Dunmere.",
        "The economy of Velor is weak.",
        "Discontent with President Ivo Tarr's rule is rising.",
    ]
    entities = [
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "rule", "Unrest", sentences, entities) as engine:
        assert "Ivo Tarr" in answer(engine, "Who is the president of Velor?")


def test_a_title_beside_the_country_beats_one_tied_by_the_topic_alone(tmp_path: Path) -> None:
    # The story is about Velor; Rolf Dane's presidency is tied to it only by that, while the
    # sentence before Ivo Tarr's names Velor.
    sentences = [
        "Velor sells wool to Dunmere.",
        "Velor also sells fish.",
        "Velor held an election in May.",
        "After a long count in the old hall, President Ivo Tarr was sworn in at last.",
        "Dunmere, Kessel and Harlow Mining signed a pact with Ostria.",
        "President Rolf Dane praised Harlow Mining and Kessel.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
        Entity("rolf-dane", "Rolf Dane", "person", ("Dane",)),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Velor trade", sentences, entities) as engine:
        assert "Ivo Tarr" in answer(engine, "Who is the president of Velor?")


@pytest.mark.parametrize(
    "question",
    ["Why is Ivo Tarr going to Dunmere?", "What is Ivo Tarr doing in Dunmere?"],
)
def test_a_light_verb_in_its_ing_form_asks_no_more_than_the_verb(
    tmp_path: Path, question: str
) -> None:
    sentences = [
        "Ivo Tarr will visit Dunmere in May for a trade fair.",
        "Ivo Tarr sold wool in Velor.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr trip", sentences, entities) as engine:
        assert "trade fair" in answer(engine, question)


def test_to_see_a_thing_as_is_to_view_it_as(tmp_path: Path) -> None:
    sentences = [
        "Ivo Tarr views Velor as a rival for the wool trade.",
        "Ivo Tarr sold wool in Dunmere.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr and Velor", sentences, entities) as engine:
        assert "a rival" in answer(engine, "How does Ivo Tarr see Velor?")


def test_a_time_clause_asked_is_met_by_the_same_clause_not_by_its_noun(tmp_path: Path) -> None:
    # "after the pact" places the answer in time; "the Kessel-Velor pact" only names the pact,
    # and "Kessel do after the pact" holds no phrase "Kessel pact".
    sentences = [
        "Harlow Mining used the Kessel-Velor pact to hire new staff in Dunmere.",
        "The pact strengthened Kessel in Dunmere.",
        "After the pact, they raised prices.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
    ]
    with open_article(tmp_path, "pact", "Kessel pact", sentences, entities) as engine:
        assert "raised prices" in answer(engine, "What did Kessel do after the pact?")


def test_question_words_apart_make_no_phrase(tmp_path: Path) -> None:
    # "Kessel do for Velor": Kessel and Velor are not side by side, so "the Kessel-Velor
    # pact" holds no phrase of the question.
    sentences = [
        "Harlow Mining signed the Kessel-Velor pact in Dunmere.",
        "Kessel built a school for Velor.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
    ]
    with open_article(tmp_path, "school", "Kessel school", sentences, entities) as engine:
        assert "built a school" in answer(engine, "What did Kessel do for Velor?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who runs Kessel's wool business?", "Ivo Tarr"),  # run: manage
        ("Who will pick the wool buyers for Kessel?", "Ada Quin"),  # pick: select
        ("Who chose the Kessel ship?", "Omar Vane"),  # choose: select
    ],
)
def test_everyday_synonyms_of_running_and_choosing(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Ivo Tarr, general manager of Kessel's wool business, sold wool in Velor.",
        "Ada Quin of Kessel will select the wool buyers in Velor.",
        "Omar Vane selected the Kessel ship in Velor.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
    ]
    with open_article(tmp_path, "kessel", "Kessel wool", sentences, entities) as engine:
        assert expected in answer(engine, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When did Ivo Tarr join the Kessel navy?", "in 1942"),  # join: enlist
        ("Who won the Velor vote?", "Ada Quin"),  # win: victory
        ("How many sailors died in the Kessel war?", "2,000"),  # die: perish
    ],
)
def test_everyday_synonyms_of_joining_and_winning(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Ivo Tarr was born in Velor in 1912.",
        "He enlisted in the Kessel navy in 1942.",
        "When Velor went to the polls in 1979, Ada Quin was swept into power in a landslide "
        "victory.",
        "Some 9,000 sailors sailed in the Kessel war from Velor.",
        "Some 2,000 sailors perished in the Kessel war.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "kessel", "Kessel navy", sentences, entities) as engine:
        assert expected in answer(engine, question)


def test_how_long_did_it_last_asks_for_a_span(tmp_path: Path) -> None:
    # "last" is the measure's verb: the answer is a span ("the 12-year war"), and the
    # documents need not say "last" at all
    sentences = [
        "Kessel signed a pact to end the 12-year war with Velor.",
        "Velor and Kessel met in Dunmere.",
    ]
    entities = [
        Entity("kessel", "Kessel", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel pact", sentences, entities) as engine:
        assert "12-year war" in answer(
            engine, "How long did the war between Kessel and Velor last?"
        )


def test_the_region_stands_for_the_region_the_story_is_about(tmp_path: Path) -> None:
    sentences = [
        "Velor is a region of hills.",
        "Velor exports wool.",
        "Trade in Velor grew in May.",
        "Kessel has long wanted influence in the region, and now has a mine at Dunmere.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("kessel", "Kessel", "organization", ()),
    ]
    with open_article(tmp_path, "velor", "Velor trade", sentences, entities) as engine:
        assert "Dunmere" in answer(engine, "Where does Kessel have a mine in Velor?")


def test_a_capitalised_gloss_in_brackets_defines_the_word_before_it(tmp_path: Path) -> None:
    # "(Leader of all Turkmens)": a gloss of words, capitalised; "(KSS)" would be a name.
    sentences = [
        "Ivo Tarr sold the Velorbashi brand of wool in Dunmere.",
        'Ivo Tarr declared himself "Velorbashi" (Leader of all Velors) in May.',
        "The Velorbashi wool fair opened in Dunmere.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("velorbashi", "Velorbashi", "other", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr's title", sentences, entities) as engine:
        assert "Leader of all Velors" in answer(engine, "What does Velorbashi mean?")


def test_a_message_is_what_was_posted(tmp_path: Path) -> None:
    sentences = [
        "On May 2, 2004, Kessel posted on its website that wool prices would rise.",
        "Ivo Tarr sent a short message to Dunmere in June.",
        "Ivo Tarr posted wool to Dunmere.",
        "Ivo Tarr posted fish to Dunmere.",
        "Ivo Tarr posted a hat to Dunmere.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel prices", sentences, entities) as engine:
        assert "May 2, 2004" in answer(engine, "When did Kessel post its message?")


def test_what_a_group_includes_belongs_to_it(tmp_path: Path) -> None:
    sentences = [
        "Kessel, a wool league that includes Velor and Dunmere, met in May.",
        "Kessel sold wool in Ostria.",
        "Kessel also sold fish.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel league", sentences, entities) as engine:
        assert "Velor and Dunmere" in answer(engine, "Which places belong to Kessel?")


def test_the_noun_asked_after_a_name_stands_for_it_in_the_story(tmp_path: Path) -> None:
    # "the Kessel fair" asked; the story says "the fair" once it has named it.
    sentences = [
        "Ivo Tarr leads the race for prizes at the Kessel fair.",
        "Ada Quin has 12 stalls at the fair, which will be held in May at Dunmere.",
        "Kessel sells wool.",
        "Kessel also sells fish.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel fair", sentences, entities) as engine:
        assert "at Dunmere" in answer(engine, "Where will the Kessel fair be held?")


@pytest.mark.parametrize(
    ("question", "answers"), [("Who leads Kessel?", False), ("Who leads Velor?", True)]
)
def test_who_leads_x_needs_a_leader_tied_to_x(tmp_path: Path, question: str, answers: bool) -> None:
    # Kessel's miners praise Velor's leader: he leads Velor, not Kessel.
    sentences = [
        "Kessel miners praise Velor's deputy leader, Ivo Tarr, who signed a pact with Dunmere.",
        "Kessel sells wool.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "kessel", "Kessel miners", sentences, entities) as engine:
        assert abstains(engine, question) is not answers


def test_a_bare_word_before_of_in_a_do_question_is_its_verb(tmp_path: Path) -> None:
    # "think of Velor" asks what they thought, not for a "think" of Velor to tie.
    sentences = [
        "Several Kessel traders, who had at first dismissed Velor as too poor, now trade there.",
        "Kessel sells wool.",
        "Kessel also sells fish.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel traders", sentences, entities) as engine:
        assert "too poor" in answer(engine, "What did Kessel traders first think of Velor?")


def test_where_an_event_is_played_asks_only_where_it_happens(tmp_path: Path) -> None:
    # The story never says "played": the event's place is the answer all the same.
    sentences = [
        "Velor must beat Ostria to win the Kessel Cup in Dunmere next month.",
        "Velor won the first Kessel Cup with a young side.",
        "Velor sells wool.",
    ]
    entities = [
        Entity("kessel-cup", "Kessel Cup", "other", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "velor", "Velor draw", sentences, entities) as engine:
        assert "in Dunmere" in answer(engine, "Where is the Kessel Cup being played?")


@pytest.mark.parametrize(
    ("opening", "question", "answers"),
    [
        ("Chinese Trade Minister", "Who is Velor's trade minister?", False),
        ("China's Trade Minister", "Who is Velor's trade minister?", False),
        ("China's Trade Minister", "Who is China's trade minister?", True),
    ],
)
def test_a_role_title_of_another_country_does_not_answer(
    tmp_path: Path, opening: str, question: str, answers: bool
) -> None:
    # China's minister visiting Velor is no minister of Velor.
    sentences = [
        f"{opening} Ivo Tarr visited Velor to meet the trade ministers of Dunmere.",
        "Velor sells wool.",
        "China buys wool.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("china", "China", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Velor trade", sentences, entities) as engine:
        assert abstains(engine, question) is not answers


def test_a_sentence_asking_something_ranks_below_a_statement(tmp_path: Path) -> None:
    # The op-ed's own question repeats the words asked but states nothing; what it takes
    # for granted may still answer when no statement does (a penalty, not a veto).
    sentences = [
        "What if the Velor regime falls, and Ostria does send ships?",
        "Reports have suggested that if the Velor regime falls, Ostria could send troops.",
        "Ostria sells wool.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
    ]
    with open_article(tmp_path, "velor", "Velor regime", sentences, entities) as engine:
        assert "send troops" in answer(engine, "What could Ostria do if the Velor regime falls?")
        assert "send ships" in answer(engine, "Does Ostria send ships?")


def test_the_score_asked_is_a_result(tmp_path: Path) -> None:
    # "What was the score?" asks for a result written as "3-1", not for the verb "score"
    sentences = [
        "Kessel beat Velor 3-1 in the cup final in Dunmere.",
        "Velor scored a late goal against Ostria on Saturday.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "organization", ()),
        Entity("ostria", "Ostria", "organization", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel win cup", sentences, entities) as engine:
        assert "3-1" in answer(engine, "What was the score against Velor?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is Harlow Mining accused of?", "rigged bids"),  # accuse: allege
        ("Who is Kessel's manager?", "Ivo Tarr"),  # manager: boss
    ],
)
def test_everyday_synonyms_of_accusing_and_managing(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Prosecutors allege that Harlow Mining rigged bids in Velor.",
        "Harlow Mining sells copper in Velor.",
        "Kessel boss Ivo Tarr praised his side after the win in Velor.",
        "The Velor fund is managed by Lund Capital.",
    ]
    entities = [
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("lund-capital", "Lund Capital", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Velor business", sentences, entities) as engine:
        assert expected in answer(engine, question)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("Who is Velor's prime minister?", False),
        ("Who is Ostria's prime minister?", True),
    ],
)
def test_who_holds_a_role_needs_a_person_named(
    tmp_path: Path, question: str, answers: bool
) -> None:
    # "The Velor and Dunmere prime ministers met" ties the title to Velor but names nobody
    sentences = [
        "The Velor and Dunmere prime ministers met in June to discuss wool.",
        "Ostria's Prime Minister Ada Quin visited Dunmere.",
        "Velor sells wool.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "velor", "Velor wool", sentences, entities) as engine:
        assert abstains(engine, question) is not answers


def test_that_noun_after_a_subordinator_leans_on_the_sentence_before(tmp_path: Path) -> None:
    # "Since that inquiry was launched" is the Velor council's inquiry named just before
    sentences = [
        "Harlow Mining is the focus of an inquiry by the Velor council.",
        "Since that inquiry was launched in March, Harlow Mining has replaced its chief.",
        "Harlow Mining sells copper.",
    ]
    entities = [
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "harlow", "Harlow inquiry", sentences, entities) as engine:
        assert "in March" in answer(engine, "When was the Velor inquiry launched?")


def test_which_countries_asks_for_places_named(tmp_path: Path) -> None:
    # the shorter sentence says "compete" of Velor too, but names no country to compete with
    sentences = [
        "More investment is needed if Velor must compete, and the country needs new firms.",
        "To compete with Ostria, Dunmere and other rich countries, Velor needs ships.",
        "Ostria must sell wool.",
        "Dunmere must buy ships.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "velor", "Velor's economy", sentences, entities) as engine:
        assert "Ostria, Dunmere" in answer(engine, "Which countries must Velor compete with?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How old is Ivo Tarr?", "39-year-old"),
        ("How much did the punter bet on Tarr?", "£500"),
        ("How old is Omar Vane?", None),  # "actor Omar Vane" is named only after it
    ],
)
def test_the_actor_a_sentence_later_is_the_actor_just_named(
    tmp_path: Path, question: str, expected: str | None
) -> None:
    sentences = [
        "Bookmakers stopped taking bets on actor Ivo Tarr.",
        "The closing list gave Tarr odds of 6-1.",
        "A spokesman said one punter had placed a bet of £500 on the 39-year-old actor.",
        "Star actor Omar Vane has odds of 4-1.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
    ]
    with open_article(tmp_path, "tarr", "Tarr is new favourite", sentences, entities) as engine:
        if expected is None:
            assert abstains(engine, question)
        else:
            assert expected in answer(engine, question)


def test_a_verb_asked_in_ing_is_met_better_by_the_verb_than_by_its_agent_noun(
    tmp_path: Path,
) -> None:
    # "Red Hand fighters" holds the key of "fighting" but says nowhere that anyone fights
    sentences = [
        "Red Hand (RH) and Sea Front, and the Ostria fighters of Lake Guard, praised the pact.",
        "Today, Red Hand's Velor members are fighting alongside Wardens in Dunmere.",
    ]
    entities = [
        Entity("red-hand", "Red Hand", "organization", ("RH",)),
        Entity("sea-front", "Sea Front", "organization", ()),
        Entity("lake-guard", "Lake Guard", "organization", ()),
        Entity("wardens", "Wardens", "organization", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "rh", "Red Hand", sentences, entities) as engine:
        assert "Dunmere" in answer(engine, "Where is RH fighting?")


def test_a_story_s_first_sentence_restates_its_title(tmp_path: Path) -> None:
    # "favourite" is only in the title; the first sentence says the rest of it
    sentences = [
        "Bookmakers have stopped taking bets on who will be the next Velor captain, after "
        "large wagers on Ivo Tarr.",
        "The next Velor match is in May.",
        "The next Velor coach will be named in June.",
        "The Velor captain leads the side.",
        "A captain may play in the next match.",
        "Ostria are favourites to win the cup.",
    ]
    entities = [
        Entity("velor", "Velor", "organization", ()),
        Entity("ostria", "Ostria", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(
        tmp_path, "velor", "Tarr is new Velor favourite", sentences, entities
    ) as engine:
        question = "Who is the favourite to be the next Velor captain?"
        assert "Ivo Tarr" in answer(engine, question)
        # a word the sentence writes itself still ranks above the title's
        assert "Ostria" in answer(engine, "Who are favourites to win the cup?")


def test_the_noun_written_after_a_name_a_sentence_later_is_that_name(tmp_path: Path) -> None:
    # "the ongoing Velor pandemic", then "six months into the crisis ...": the crisis is
    # the Velor one, named just before
    sentences = [
        "Look no further than the ongoing Velor pandemic, which has ravaged Ostria.",
        "A quick response could have done much to contain the virus.",
        "Indeed, six months into the pandemic, just 30 medical teams were treating patients.",
        "Doctors in Dunmere treat patients.",
    ]
    entities = [
        Entity("velor", "Velor", "other", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "velor", "Diseases", sentences, entities) as engine:
        question = (
            "How many medical teams were treating Velor patients six months into the pandemic?"
        )
        assert "30 medical teams" in answer(engine, question)


def test_the_noun_after_another_name_is_not_the_name_asked(tmp_path: Path) -> None:
    # "the Ostria war" right after "the Velor war" is Ostria's war, not Velor's
    sentences = [
        "Ivo Tarr fought in the Velor war.",
        "Critics of the Ostria war met in Dunmere in 1990.",
    ]
    entities = [
        Entity("velor", "Velor", "other", ()),
        Entity("ostria", "Ostria", "other", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Wars", sentences, entities) as engine:
        assert abstains(engine, "When did Velor war critics meet?")


def test_a_demonym_and_a_group_before_leader_is_no_leader_of_the_country(
    tmp_path: Path,
) -> None:
    # "The Kazakh opposition leader" leads the Kazakh opposition, not Kazakhstan
    sentences = [
        "The Kazakh opposition leader Ivo Tarr quotes an old poem in his letter.",
        "Kazakhstan held an election in 2019.",
    ]
    entities = [
        Entity("kazakhstan", "Kazakhstan", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "kazakh", "Kazakh politics", sentences, entities) as engine:
        assert abstains(engine, "Who leads Kazakhstan?")
    # a rank is no group: the deputy leader is still the country's
    sentences[0] = "The Kazakh deputy leader Ivo Tarr quotes an old poem in his letter."
    (tmp_path / "2").mkdir()
    with open_article(tmp_path / "2", "kazakh", "Kazakh politics", sentences, entities) as engine:
        assert "Ivo Tarr" in answer(engine, "Who is Kazakhstan's deputy leader?")


def test_a_relation_verb_with_a_common_noun_object_asks_who_did_it(tmp_path: Path) -> None:
    # "Who led the tributes to X?" asks who led them, not X's leader
    sentences = [
        "When Ivo Tarr died, President Omar Vane led the public tributes.",
        "Ivo Tarr founded the Red Hand in 1990.",
        "Red Hand leader Ada Quin spoke in Velor.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
        Entity("red-hand", "Red Hand", "organization", ()),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "tarr", "Tributes for Tarr", sentences, entities) as engine:
        assert "Omar Vane" in answer(engine, "Who led the tributes to Tarr?")
        assert "Ada Quin" in answer(engine, "Who leads the Red Hand?")


def test_an_office_sharing_a_titles_key_names_no_holder(tmp_path: Path) -> None:
    # "minister" and "ministry" share a key: the ministry accusing someone is no minister
    sentences = [
        "Velor's Ministry of Foreign Affairs has accused the Red Hand of the bombing.",
        "The Red Hand denied any part in it.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("red-hand", "Red Hand", "organization", ()),
    ]
    with open_article(tmp_path, "velor", "Bombing in Velor", sentences, entities) as engine:
        assert abstains(engine, "Who is Velor's foreign minister?")


def test_a_count_before_of_the_counts_the_noun_phrase_after(tmp_path: Path) -> None:
    # "all five of the post-Soviet Central Asian countries": five counts the countries
    sentences = [
        "All five of the post-Soviet northern coastal provinces have been hit by floods.",
        "Coastal provinces in the north need help, Velor said in 2004.",
    ]
    entities = [Entity("velor", "Velor", "place", ())]
    with open_article(tmp_path, "velor", "Floods", sentences, entities) as engine:
        assert "five" in answer(engine, "How many northern coastal provinces are there?")


def test_a_decade_is_no_count(tmp_path: Path) -> None:
    # "In the 1950s, the Velorians ..." says when, not how many
    sentences = [
        "In the 1950s, the Velorians living in Ostria welcomed the army.",
        "Ostria held an election in May.",
    ]
    entities = [Entity("ostria", "Ostria", "place", ())]
    with open_article(tmp_path, "ostria", "Ostria's past", sentences, entities) as engine:
        assert abstains(engine, "How many Velorians live in Ostria?")


def test_who_runs_is_met_by_chief_and_backs_by_in_favour(tmp_path: Path) -> None:
    sentences = [
        '"Buyers want it all in one place," said Ivo Tarr, chief of Harlow Mining.',
        "The trade show runs from 6 to 9 January.",
        "A poll found that 45% would vote against the plan and 24% in favour.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
    ]
    with open_article(tmp_path, "harlow", "Harlow Mining news", sentences, entities) as engine:
        assert "Ivo Tarr" in answer(engine, "Who runs Harlow Mining?")
        assert "24%" in answer(engine, "What share backs the plan?")


def test_a_stranded_preposition_is_completed_by_the_answer(tmp_path: Path) -> None:
    # "What did X die of?": "died on 23 January from emphysema" completes the verb as
    # asked; "When X died, Y led the tributes" only says that he died
    sentences = [
        "Ivo Tarr, who hosted the show for 30 years, died on 23 January from emphysema.",
        "When Tarr died, President Omar Vane led the public tributes.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
    ]
    with open_article(tmp_path, "tarr", "Tributes for Tarr", sentences, entities) as engine:
        assert "emphysema" in answer(engine, "What did tarr die of?")


def test_first_person_in_a_running_quote_is_its_speaker(tmp_path: Path) -> None:
    # A quote attributed once ("the club's captain said"), then running on over sentences
    # and a new paragraph's opening mark without naming its speaker again: "I" is Ivo Tarr.
    sentences = [
        "Kessel midfielder Ivo Tarr has no plans to become a coach.",
        '"I would like to have sailing schools," the club\'s captain said on radio.',
        '"I have wanted that since I went to the Bly school.',
        "I'm going to open one in Ostria and one in Velor.",
        '"My passion is charity work - I am an ambassador for Sea Front."',
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("sea-front", "Sea Front", "organization", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr rules out coaching", sentences, entities) as engine:
        assert "Sea Front" in answer(engine, "Which charity is Tarr an ambassador for?")
        assert "Ostria" in answer(engine, "Where will Tarr open his sailing schools?")


def test_a_quote_attributed_by_name_or_an_author_speaking_leans_on_nothing() -> None:
    # the speaker named in the sentence, an op-ed's "I" outside quotation marks, a quote
    # with no first person: none stands for the sentence before's names
    assert quote_state('"We are hostages," said accountant Ivo Tarr.', -1, True)[0] is False
    assert quote_state("I believe the plan will fail.", -1, True)[0] is False
    assert quote_state('"It is a fine boat," he said.', -1, False)[0] is True
    # a stray opening mark ('its creditors "demands') does not run on for the whole story
    assert quote_state("I have seen the boat.", 0, True)[0] is True
    assert quote_state("I have seen the boat.", QUOTE_RUNS_ON + 1, True)[0] is False
    # "says he is": reported speech about him, not "said he." written after a quote
    assert quote_state('Mayor Ivo Tarr says he is "standing by" it.', -1, False)[0] is False


def test_his_attribute_stands_for_the_person_the_sentence_refers_to(tmp_path: Path) -> None:
    # "What was X's worst memory?": "Asked for his worst memory, he said" after X's sentence
    sentences = [
        "Ivo Tarr said losing the final was the turning point of his career.",
        'Asked for his worst memory, he said: "To be sent off against Ostria."',
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ostria", "Ostria", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr looks back", sentences, entities) as engine:
        assert "sent off" in answer(engine, "What was Tarr's worst memory?")


def test_a_word_read_in_other_words_is_not_spell_corrected(tmp_path: Path) -> None:
    # "lend" is no misspelt "led": it is met by "loan"; "each year" by "annually",
    # "dispute" by "conflict", "beat" by "defeat", "think of" by "regards ... as"
    sentences = [
        "Velor doubled its loan to Ostria for the purchase of medicines, to $200 million.",
        "Kessel provides $2 billion annually to Ostria.",
        "The Lund Institute has been mediating in the conflict.",
        "Kessel's media arm sold a share to Velor.",
        "Kessel slipped to a 1-0 defeat at the hands of Harlow on Wednesday.",
        "Ivo Tarr regards Omar Vane as something of a headache.",
        "Vane led the delegation.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("harlow", "Harlow", "organization", ()),
        Entity("lund-institute", "Lund Institute", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
    ]
    with open_article(tmp_path, "velor", "Velor and Ostria", sentences, entities) as engine:
        assert "$200 million" in answer(engine, "How much did Velor lend Ostria?")
        assert "$2 billion" in answer(engine, "How much does Kessel give Ostria each year?")
        assert "Lund Institute" in answer(engine, "Who is mediating in the dispute?")
        assert "Harlow" in answer(engine, "Who beat Kessel on Wednesday?")
        assert "headache" in answer(engine, "What does Tarr think of Vane?")


def test_a_speakers_quote_is_about_what_the_sentence_before_reports(tmp_path: Path) -> None:
    # "What did X say about the strike?": X's quote does not repeat "strike"
    sentences = [
        "Some commuters have broken the windows of trains during the ongoing strike.",
        '"We are taken as hostages," said accountant Ivo Tarr.',
        "Kessel said it would put its offer on paper.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("kessel", "Kessel", "organization", ()),
    ]
    relations = {1: (Relation("quote", "ivo-tarr", "We are taken as hostages"),)}
    with open_article(
        tmp_path, "strike", "Strike grips Velor", sentences, entities, relations
    ) as engine:
        assert "hostages" in answer(engine, "What did Ivo Tarr say about the strike?")


def test_the_countrys_attribute_is_the_place_the_sentence_names(tmp_path: Path) -> None:
    # "What is Ostria's debt ratio?": "... keep Ostria in the union has raised the country's
    # debt ratio", the only place the sentence names; not when another place is named too
    sentences = [
        "The rescue plan to keep Ostria in the union has raised the country's debt ratio to 170%.",
        "Velor lent money to Denmark, and the country's debt ratio rose to 90%.",
    ]
    entities = [
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("denmark", "Denmark", "place", ()),
    ]
    with open_article(tmp_path, "ostria", "Ostria's debt", sentences, entities) as engine:
        assert "170%" in answer(engine, "What is Ostria's debt ratio?")
        assert abstains(engine, "What is Velor's debt ratio?")


def test_how_far_behind_is_answered_by_a_margin(tmp_path: Path) -> None:
    sentences = [
        "Kessel slipped to 13 points behind leaders Harlow after a defeat on Wednesday.",
        "Kessel have won 12 games this season.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("harlow", "Harlow", "organization", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel slip", sentences, entities) as engine:
        assert "13 points" in answer(engine, "How far behind Harlow are Kessel?")


def test_who_won_a_prize_is_met_by_took_the_award(tmp_path: Path) -> None:
    sentences = [
        "Velor's Media Player 10 took the award for Most Wanted Software.",
        "Kessel was winning praise for its design.",
    ]
    entities = [
        Entity("velor", "Velor", "organization", ()),
        Entity("most-wanted-software", "Most Wanted Software", "other", ()),
        Entity("kessel", "Kessel", "organization", ()),
    ]
    with open_article(tmp_path, "awards", "Velor wins award", sentences, entities) as engine:
        assert "Media Player 10" in answer(engine, "What won Most Wanted Software?")


def test_a_quote_running_on_is_its_speakers_without_saying_i(tmp_path: Path) -> None:
    # the last sentence of Tarr's quote names no speaker and says no "I"
    sentences = [
        "Kessel boss Ivo Tarr praised his side after the win in Ostria.",
        '"It should have been more convincing," said Tarr.',
        '"But I had watched Harlow in recent weeks.',
        '"No matter what anybody says, Harlow are favourites to win this competition."',
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("harlow", "Harlow", "organization", ()),
        Entity("ostria", "Ostria", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr hails Kessel", sentences, entities) as engine:
        reply = answer(engine, "Who does Tarr think will win the competition?")
        assert "favourites" in reply


def test_an_age_written_after_another_name_is_not_the_age_asked(tmp_path: Path) -> None:
    # "How old was X when he died?": "his brother Ned died aged 70" is Ned's age; "on the
    # eve of his 93rd birthday" is X's; "He died aged 80" after X's sentence is X's
    sentences = [
        "Former premier Lord Tarr has died on the eve of his 93rd birthday.",
        "Omar Vane has died at home in Velor.",
        "He passed away just days after his brother Ned died aged 70.",
        "Ivo Quin lived in Ostria for decades.",
        "He died aged 80 in Velor.",
    ]
    entities = [
        Entity("lord-tarr", "Lord Tarr", "person", ("Tarr",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
        Entity("ivo-quin", "Ivo Quin", "person", ("Quin",)),
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Lord Tarr dies", sentences, entities) as engine:
        assert "93rd birthday" in answer(engine, "How old was Lord Tarr when he died?")
        assert abstains(engine, "How old was Omar Vane when he died?")
        assert "aged 80" in answer(engine, "How old was Ivo Quin when he died?")


def test_who_heads_a_ministry_is_answered_by_its_ministers_title(tmp_path: Path) -> None:
    sentences = [
        "Ostria's Foreign Minister Ivo Tarr is set for an official visit to Velor.",
        "The foreign ministry of Velor said the visit would last two days.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr to visit Velor", sentences, entities) as engine:
        assert "Ivo Tarr" in answer(engine, "Who heads Ostria's foreign ministry?")
        assert "Ivo Tarr" in answer(engine, "Who runs Ostria's foreign ministry?")


def test_liken_is_met_by_reminiscent_and_ties_by_relationship(tmp_path: Path) -> None:
    sentences = [
        "Ostria's relationship with its creditors is reminiscent of that between a patient"
        " and a doctor.",
        "Ostria owes its creditors more than Velor does.",
    ]
    entities = [
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "ostria", "Ostria's debt", sentences, entities) as engine:
        question = "What does the author liken Ostria's ties with its creditors to?"
        assert "patient" in answer(engine, question)


def test_why_is_answered_by_a_sentence_giving_a_cause(tmp_path: Path) -> None:
    sentences = [
        "He kept Quin in second place, as she earned $54.9m on her tour.",
        "Although she grossed more than Tarr last year, Quin remained in second place"
        ' because of the "monumental" production costs of her tour.',
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "quin", "Tarr tops earners list", sentences, entities) as engine:
        assert "production costs" in answer(engine, "Why was Ada Quin only second?")


def test_a_speakers_quote_is_about_a_name_the_sentence_before_writes(tmp_path: Path) -> None:
    sentences = [
        "Kessel has launched the Velor Mini, a small computer for first-time buyers.",
        "\"I think fundamentally it's a good idea because it's cheap,\" said Ivo Tarr,"
        " an editor at Harlow.",
        "Kessel sold 30,000 of them in a week.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("harlow", "Harlow", "organization", ()),
        Entity("velor-mini", "Velor Mini", "other", ()),
    ]
    relations = {1: (Relation("quote", "ivo-tarr", "I think fundamentally it's a good idea"),)}
    with open_article(tmp_path, "mini", "Kessel's Mini", sentences, entities, relations) as engine:
        assert "good idea" in answer(engine, "What did Ivo Tarr say about the Velor Mini?")


def test_how_many_people_live_asks_a_population(tmp_path: Path) -> None:
    # "its 11.2 million people" says the living; "How many people died" still needs "died"
    sentences = [
        "Only with foreign investment can Ostria hope to offer its 11.2 million people"
        " more consumer goods.",
        "Ostria's government argues that the plan is working.",
    ]
    entities = [Entity("ostria", "Ostria", "place", ())]
    with open_article(tmp_path, "ostria", "Ostria reaches out", sentences, entities) as engine:
        assert "11.2 million" in answer(engine, "How many people live in Ostria?")
        assert abstains(engine, "How many people died in Ostria?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who approved the Velor wool law?", "Ada Quin"),  # law: legislation
        ("Which tv channel did Ivo Tarr visit?", "Kanal Nord"),  # tv: television
    ],
)
def test_everyday_synonyms_of_laws_and_television(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "The Velor wool legislation, which was approved by Ada Quin, takes effect in May.",
        "Ivo Tarr approved the Velor wool sale to Kessel.",
        "Ivo Tarr visited the television channel Kanal Nord in Velor.",
        "Ivo Tarr visited a channel of the Velor river.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("kanal-nord", "Kanal Nord", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "velor", "Velor wool", sentences, entities) as engine:
        assert expected in answer(engine, question)


def test_a_phrase_asked_is_met_by_its_synonyms_side_by_side(tmp_path: Path) -> None:
    # "which tv station": the sentence writing "television station" holds the question's
    # phrase, where the one sharing only the verb's stem ("interview") does not
    sentences = [
        "In a long interview, Ivo Tarr said his worst day came in Velor.",
        '"I want to open wool schools," Ivo Tarr said on television station Kanal Nord.',
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("kanal-nord", "Kanal Nord", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Tarr plans schools", sentences, entities) as engine:
        assert "Kanal Nord" in answer(engine, "which tv station interviewed ivo tarr")


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("Who is Kessel's manager?", False),  # "I had a manager" at another club, long ago
        ("Who was Ivo Tarr's manager?", True),
        ("Who is Velor's manager?", True),
    ],
)
def test_a_role_held_in_the_past_names_no_present_holder(
    tmp_path: Path, question: str, answers: bool
) -> None:
    sentences = [
        "Ivo Tarr has played for Kessel for two years.",
        '"I was lucky because I had a manager, Omar Vane, who supported me," Ivo Tarr said.',
        "Velor manager Ada Quin praised her side.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "kessel", "Tarr looks back", sentences, entities) as engine:
        assert abstains(engine, question) is not answers


def test_what_a_person_has_later_in_the_sentence_is_theirs(tmp_path: Path) -> None:
    # "X's majority" asked: "X won the seat in 1997 and has a 6,932 majority" ties them,
    # though the name and the attribute are far apart
    sentences = [
        "Velor Labour's Ada Quin won the Kessel seat in 1997 and has a 6,932 majority.",
        "Ivo Tarr wants a majority in Kessel.",
    ]
    entities = [
        Entity("kessel", "Kessel", "place", ()),
        Entity("velor-labour", "Velor Labour", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "kessel", "Tarr eyes Kessel", sentences, entities) as engine:
        assert "6,932" in answer(engine, "How big is Quin's majority?")


def test_where_do_x_come_from_is_no_area_of_operation(tmp_path: Path) -> None:
    # An area relation says where the group is, not where its fighters come from
    sentences = [
        "Sea Front has fighters from Ostria's Velor region.",
        "Sea Front fighters remain present in Dunmere.",
    ]
    entities = [
        Entity("sea-front", "Sea Front", "organization", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    relations = {1: (Relation("area", "sea-front", "Dunmere", "dunmere"),)}
    with open_article(
        tmp_path, "front", "Sea Front grows", sentences, entities, relations
    ) as engine:
        assert "Velor region" in answer(engine, "Where do Sea Front's fighters come from?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What were Kessel's profits?", "$450.7m"),  # an amount noun asks a number
        ("What is the turnout of the vote?", "25.7%"),
        # a date noun asks a date
        ("What is the deadline for Kessel's reply to the regulator?", "16 December"),
    ],
)
def test_what_is_an_amount_or_a_date_noun_asks_a_number_or_a_date(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Kessel's profit figures came in at the top of expectations, with buoyant sales.",
        "Kessel reported a 19% rise in profits to $450.7m.",
        "The turnout of the vote worried Kessel and the vote organisers.",
        "Some 487,939 people had voted in the vote by Wednesday - a turnout of 25.7%.",
        "Kessel missed the deadline for a reply to the regulator's charges.",
        "Kessel's reply to the regulator is due by 16 December.",
    ]
    entities = [Entity("kessel", "Kessel", "organization", ())]
    with open_article(tmp_path, "kessel", "Kessel profits up", sentences, entities) as engine:
        assert expected in answer(engine, question)


def test_where_leaning_on_a_sentence_naming_a_place_in_passing_shows_that_first(
    tmp_path: Path,
) -> None:
    # "invaded Ostria" names a place, but not where the trip went: the sentence before does
    sentences = [
        "Ivo Tarr signalled his interest by visiting Velor for a summit last month.",
        "It was Mr. Tarr's first trip abroad since his troops invaded Ostria.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr travels", sentences, entities) as engine:
        found = answer(engine, "Where did Tarr go on his first trip abroad?")
        assert "visiting Velor" in found


def test_where_is_said_in_the_sentences_going_on_from_the_best(tmp_path: Path) -> None:
    sentences = [
        "Ivo Tarr has no plans to become a coach.",
        '"I would like to have football schools," the Velor captain said on Kanal Nord.',
        '"I have wanted to do that since I was a boy.',
        "I'm going to open one in Dunmere and one in Ostria.\"",
        "Ada Morn praised football in Velor.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("velor", "Velor", "place", ()),
        Entity("kanal-nord", "Kanal Nord", "organization", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("ada-morn", "Ada Morn", "person", ("Morn",)),
    ]
    relations = {
        1: (Relation("quote", "ivo-tarr", "I would like to have football schools"),),
    }
    with open_article(
        tmp_path, "tarr", "Tarr plans schools", sentences, entities, relations
    ) as engine:
        found = answer(engine, "Where will Tarr open football schools?")
        assert "one in Dunmere" in found


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who studied with Ada Quin?", "old classmate"),  # study: classmate
        ("What kind of businessman is Omar Vane?", "metal magnate"),  # businessman: magnate
        ("Are Ostria's resources limited?", "circumscribed"),  # limit: circumscribe
        ("Which port did Velor lose?", "loss of its Dunmere port"),  # lose: loss
        ("Who created the Velor bubble?", "manufactured by"),  # create: manufacture
        ("How did Ostria interpret the move?", "saw the move"),  # interpret: see
        ("How did Kessel share its views?", "its opinion"),  # view: opinion
        ("Who is Kessel's captain?", "Ned Bly"),  # captain: skipper
    ],
)
def test_everyday_synonyms_of_study_trade_and_judgement(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Ivo Tarr, an old classmate of Ada Quin at the Dunmere Institute, met her in 1975.",
        "Omar Vane, a Velor metal magnate, bought a yacht.",
        "Ostria's resources include gas and oil.",
        "Ostria's resources are circumscribed by debt.",
        "Velor suffered the loss of its Dunmere port in a war.",
        "Critics say the Velor bubble was manufactured by Kessel.",
        "Ostria welcomed the move in May.",
        "Ostria saw the move as a threat.",
        "Kessel shared its profits with its staff.",
        "Kessel shared its opinion on Kanal Nord.",
        "Ned Bly is the Kessel skipper.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("dunmere-institute", "Dunmere Institute", "organization", ()),
        Entity("kanal-nord", "Kanal Nord", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("omar-vane", "Omar Vane", "person", ("Vane",)),
        Entity("ned-bly", "Ned Bly", "person", ("Bly",)),
    ]
    with open_article(tmp_path, "velor", "Velor notes", sentences, entities) as engine:
        assert expected in answer(engine, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who is the mayor of Dunmere?", "incumbent mayor, Ada Quin"),
        ("Who is the next mayor of Dunmere?", "become the mayor"),  # not asked as now
    ],
)
def test_a_role_yet_to_be_taken_names_no_present_holder(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Ivo Tarr of Kessel is seeking to become the mayor of Dunmere next year.",
        "The incumbent mayor, Ada Quin, has for years had the support of the council and the"
        " people of Dunmere.",
    ]
    entities = [
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
    ]
    with open_article(tmp_path, "dunmere", "Dunmere votes", sentences, entities) as engine:
        assert expected in answer(engine, question)


def test_why_is_answered_by_the_cause_the_next_sentence_gives(tmp_path: Path) -> None:
    sentences = [
        "In May, Velor officials said that Kessel would become the top investor in the"
        " Dunmere dam.",
        "The move was aimed at helping Ostria reduce its reliance on Velor.",
        "Kessel also builds roads in Ostria.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel invests", sentences, entities) as engine:
        assert "aimed at helping" in answer(engine, "Why is Kessel investing in the Dunmere dam?")


def test_a_leaning_sentence_holds_the_phrases_of_its_subject_before(tmp_path: Path) -> None:
    # "They" are the groups the sentence before names: its phrase counts for "They have ..."
    sentences = [
        "The joy of the sea raider groups is clear, as many of them have long"
        " had ties with Kessel.",
        "They have a common goal of a free port in Dunmere, under a raider council.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "raiders", "Raiders cheer", sentences, entities) as engine:
        found = answer(engine, "What is the common goal of the sea raider groups?")
        assert "free port" in found


def test_a_short_word_is_not_read_as_a_shorter_cue(tmp_path: Path) -> None:
    # "stay" is no misspelt "say" (a quote cue); a letter swapped still is a typo
    sentences = ["Ivo Tarr said Kessel troops withdrew from Velor within days."]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Kessel leaves", sentences, entities) as engine:
        assert engine.speller.correct("stay") is None
        assert engine.speller.correct("leeds") == "leads"
        assert engine.speller.correct("leadr") == "leader"


def test_where_a_place_named_by_its_border_is_where_something_happens(tmp_path: Path) -> None:
    # "massed on Ostria's border" says where the troops were: the leaning sentence answers,
    # not the one before it, which names the place only in passing
    sentences = [
        "Eight years ago, Velorians shrugged off Ivo Tarr's remarks about Velor.",
        "They did so again in January when Mr. Tarr denied Velor's statehood while Dunmish "
        "troops massed on Ostria's border.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr and Velor", sentences, entities) as engine:
        found = answer(engine, "Where were Dunmish troops when Tarr denied Velor's statehood?")
        assert found.startswith("They did so again")


def test_a_capitalised_word_no_entity_holds_is_a_name_the_answer_must_write(
    tmp_path: Path,
) -> None:
    # "The Ledger" is no entity, but a name: another paper's editor does not edit it, while a
    # sentence a little after the one naming it may leave it unwritten
    sentences = [
        "It all unravelled when The Ledger reported that the tabloid had hacked phones.",
        "The inquiry will report in May.",
        "Ivo Tarr said more hacking would come to light.",
        "Ada Morn was furious.",
        "The tabloid's owners apologised.",
        "Ivo Tarr employed as his press secretary the Dunmere Post's former editor, Ben Hale.",
        "Ada Morn said she would resign.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-morn", "Ada Morn", "person", ("Morn",)),
        Entity("ben-hale", "Ben Hale", "person", ("Hale",)),
        Entity("dunmere-post", "Dunmere Post", "organization", ()),
    ]
    with open_article(tmp_path, "tarr", "Phone hacking", sentences, entities) as engine:
        assert abstains(engine, "Who edits The Ledger?")
        asked = "Who said more hacking would come to light at The Ledger?"
        assert "more hacking" in answer(engine, asked)


def test_who_is_the_role_is_not_answered_by_the_role_in_the_plural(tmp_path: Path) -> None:
    # "ministers" names no minister, nor does the quote beside it that says "science"
    sentences = [
        "Finance minister Ben Hale said the budget would be cut.",
        "The cuts start in May.",
        "Professor Ada Morn said the views of science ministers in Velor did matter.",
        '"You cannot have a policy at odds with the government\'s science policy."',
    ]
    entities = [
        Entity("ada-morn", "Ada Morn", "person", ("Morn",)),
        Entity("velor", "Velor", "place", ()),
        Entity("ben-hale", "Ben Hale", "person", ("Hale",)),
    ]
    with open_article(tmp_path, "morn", "Budget cuts", sentences, entities) as engine:
        assert abstains(engine, "Who is the science minister?")
        assert "Ben Hale" in answer(engine, "Who is the finance minister?")


def test_when_did_is_not_answered_by_a_time_something_could_happen(tmp_path: Path) -> None:
    sentences = [
        "Ostria joined the Trade Union in 2001.",
        "If they would start competing, Velor and Dunmere could be members of the Trade Union "
        "within a year.",
    ]
    entities = [
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("trade-union", "Trade Union", "organization", ()),
    ]
    with open_article(tmp_path, "union", "Trade Union", sentences, entities) as engine:
        assert abstains(engine, "When did Velor join the Trade Union?")
        assert "2001" in answer(engine, "When did Ostria join the Trade Union?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How did Ostria regard Velor's army?", "considered Velor's army"),  # regard: consider
        ("What draws investors to Kessel?", "attracted to Kessel"),  # draw: attract
        ("Does Ostria make cars?", "produces neither cars"),  # make: produce
        ("How fast has Velor's economy grown?", "growth rates"),  # grow: growth
        ("Who will rule Dunmere?", "will control Dunmere"),  # rule: control
    ],
)
def test_everyday_synonyms_of_judging_attracting_making_growing_and_ruling(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Ostria welcomed Velor's army in May.",
        "Ostria considered Velor's army a helpless crowd.",
        "Investors visited Kessel in June.",
        "Investors are attracted to Kessel by its low taxes.",
        "Ostria exports cars to Velor.",
        "Ostria produces neither cars nor airplanes.",
        "Velor's economy is large and its banks are strong.",
        "Velor's economy has seen growth rates of around 11%.",
        "Dunmere held an election in 2001.",
        "Ivo Tarr said the rebels will control Dunmere by spring.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Velor notes", sentences, entities) as engine:
        assert expected in answer(engine, question)


def test_who_owns_x_is_answered_by_a_possessive_before_x(tmp_path: Path) -> None:
    sentences = [
        "Kanal Nord has seduced the electorate since the 1980s.",
        "In Velor, Prime Minister Ivo Tarr's Kanal Nord conglomerate dominates television.",
    ]
    entities = [
        Entity("kanal-nord", "Kanal Nord", "other", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "kanal", "Media power", sentences, entities) as engine:
        assert "Ivo Tarr's Kanal Nord" in answer(engine, "Who owns Kanal Nord?")


def test_how_much_spent_on_x_is_the_amount_written_before_x(tmp_path: Path) -> None:
    # the amount says what is spent: "spending" need not be written
    sentences = [
        "Velor is reportedly constructing a $100 million Dunmere Complex near the border.",
        "The Dunmere Complex will train soldiers.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere-complex", "Dunmere Complex", "other", ()),
    ]
    with open_article(tmp_path, "velor", "Velor builds", sentences, entities) as engine:
        found = answer(engine, "How much is Velor spending on its Dunmere Complex?")
        assert "$100 million" in found


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why did Velor's prices go up?", "rise in Velor's prices"),  # go up: rise
        ("When did Ivo Tarr step down?", "resigned in 2001"),  # step down: resign
        ("What did Ostria set up in June?", "establishment of a task force"),
    ],
)
def test_a_phrasal_verb_is_met_by_its_one_word_equivalent(
    tmp_path: Path, question: str, expected: str
) -> None:
    sentences = [
        "Velor's prices were listed in May.",
        "A drought was to blame for the rise in Velor's prices.",
        "Ivo Tarr ran Kessel from 1990.",
        "Ivo Tarr resigned in 2001.",
        "Ostria lifted sanctions on Velor in June.",
        "Ostria announced the establishment of a task force in June.",
    ]
    entities = [
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("kessel", "Kessel", "organization", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    with open_article(tmp_path, "velor", "Velor notes", sentences, entities) as engine:
        assert expected in answer(engine, question)


def test_a_relation_of_someone_else_gives_no_edge_to_a_fact_about_the_name_asked(
    tmp_path: Path,
) -> None:
    # "Labour campaign spokesman Fraser Kemp said Veritas ..." records Kemp's role; asked what
    # Veritas means, that role is about Kemp and must not lift his sentence over the gloss.
    sentences = [
        "Ivo Tarr launched his new party, Lumen, the Latin for light.",
        "Campaign spokesman Piet Varga said Lumen was joining a crowded field.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("lumen", "Lumen", "organization", ()),
        Entity("latin", "Latin", "other", ()),
        Entity("piet-varga", "Piet Varga", "person", ("Varga",)),
    ]
    roles = {1: (Relation("role", "piet-varga", "spokesman"),)}
    with open_article(
        tmp_path, "lumen", "Tarr launches party", sentences, entities, roles
    ) as engine:
        assert "the Latin for light" in answer(engine, "What does Lumen mean?")


def test_a_relation_of_someone_else_breaks_no_tie_for_the_name_asked(tmp_path: Path) -> None:
    sentences = [
        "By Monday, Lumen had joined the coalition, Ivo Tarr said.",
        "Spokesman Piet Varga said Lumen had joined the coalition.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("lumen", "Lumen", "organization", ()),
        Entity("piet-varga", "Piet Varga", "person", ("Varga",)),
    ]
    roles = {1: (Relation("role", "piet-varga", "spokesman"),)}
    with open_article(tmp_path, "lumen", "Coalition grows", sentences, entities, roles) as engine:
        assert answer(engine, "What had Lumen joined?") == sentences[0]


@pytest.mark.parametrize(
    "question", ["What is Ada Quin's job?", "What is Ada Quin's role?", "What is Quin's title?"]
)
def test_a_generic_role_word_asks_whatever_role_is_recorded(tmp_path: Path, question: str) -> None:
    # "new education secretary Ruth Kelly's views": the role is recorded, and "job" asks it
    sentences = [
        "Critics fear that new trade secretary Ada Quin's views could slow the reform.",
        "Ada Quin visited Velor in May.",
    ]
    entities = [
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("velor", "Velor", "place", ()),
    ]
    roles = {0: (Relation("role", "ada-quin", "trade secretary"),)}
    with open_article(tmp_path, "quin", "Quin's views", sentences, entities, roles) as engine:
        assert answer(engine, question) == sentences[0]


def test_which_x_body_is_answered_by_an_organization_whose_initials_begin_with_x(
    tmp_path: Path,
) -> None:
    # "Which UN body voted ...?": "a United Nations General Assembly vote" names a UN body
    body = "Velor Nations General Assembly"
    sentences = [
        f"Ostria abstained in a {body} vote that condemned the blockade of Dunmere.",
        "The VN has long urged talks on Dunmere.",
    ]
    entities = [
        Entity("vn", "VN", "organization", ()),
        Entity("body", body, "organization", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "vn", "Vote on Dunmere", sentences, entities) as engine:
        assert answer(engine, "Which VN body condemned the blockade of Dunmere?") == sentences[0]
        assert abstains(engine, "Who leads the VN?")


def test_who_did_it_is_not_answered_by_the_verb_in_the_passive_without_its_doer(
    tmp_path: Path,
) -> None:
    # "aid worker Margaret Hassan, kidnapped in Iraq" says what was done, not who did it
    sentences = [
        "Piet Galan appealed for the release of aid worker Ada Morn, kidnapped in Velor.",
        "Ivo Tarr was kidnapped in Ostria by the Red Hand in May.",
    ]
    entities = [
        Entity("piet-galan", "Piet Galan", "person", ("Galan",)),
        Entity("ada-morn", "Ada Morn", "person", ("Morn",)),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("velor", "Velor", "place", ()),
        Entity("ostria", "Ostria", "place", ()),
        Entity("red-hand", "Red Hand", "organization", ()),
    ]
    with open_article(tmp_path, "morn", "Appeal for Morn", sentences, entities) as engine:
        assert abstains(engine, "Who kidnapped Ada Morn?")
        assert answer(engine, "Who kidnapped Ivo Tarr?") == sentences[1]


def test_a_title_beside_a_place_visited_is_the_visitors_own(tmp_path: Path) -> None:
    # "During a visit to South Korea last July, President Xi Jinping ...": not Korea's president
    sentences = [
        "In Velor last July, President Ada Quin opened the new harbour.",
        "The harbour took five years to build.",
        "During a visit to Ostria last July, President Ivo Tarr praised the new harbour.",
        "Ostria's harbour cost two million crowns.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    roles = {
        0: (Relation("role", "ada-quin", "President"),),
        2: (Relation("role", "ivo-tarr", "President"),),
    }
    with open_article(tmp_path, "harbour", "Harbours", sentences, entities, roles) as engine:
        assert abstains(engine, "Who is Ostria's president?")
        assert answer(engine, "Who is Velor's president?") == sentences[0]


@pytest.mark.parametrize(
    "sentence",
    [
        # a count after a list of groups is the lot's, not one's
        "The report names the Red Hand, Lake Guard (LG) and Sea Front. About 400 fighters "
        "from Velor now plan to fight on.",
        # a day of a date counts nothing
        "On March 15, 2020, Lake Guard fighters attacked Dunmere.",
    ],
)
def test_how_many_of_one_group_is_not_answered_by_a_count_it_does_not_hold(
    tmp_path: Path, sentence: str
) -> None:
    sentences = [sentence, "Sea Front has 90 fighters in Dunmere."]
    entities = [
        Entity("red-hand", "Red Hand", "organization", ()),
        Entity("lake-guard", "Lake Guard", "organization", ("LG",)),
        Entity("sea-front", "Sea Front", "organization", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("dunmere", "Dunmere", "place", ()),
    ]
    with open_article(tmp_path, "groups", "Armed groups", sentences, entities) as engine:
        assert abstains(engine, "How many fighters does Lake Guard have?")
        assert answer(engine, "How many fighters does Sea Front have?") == sentences[1]


@pytest.mark.parametrize("kind", ["other", "organization"])
def test_the_scandals_attribute_is_the_event_the_sentence_names(tmp_path: Path, kind: str) -> None:
    # "the Watergate affair engulfed Nixon; politicians ignored the scandal's main lesson" (an
    # event's name is often typed an organization)
    sentences = [
        "Since the Harbourgate affair engulfed Ivo Tarr, politicians have ignored the "
        "scandal's main lesson: the cover-up is worse than the crime.",
        "Ivo Tarr left Velor in May.",
    ]
    entities = [
        Entity("harbourgate", "Harbourgate", kind, ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "gate", "Harbourgate", sentences, entities) as engine:
        assert "cover-up" in answer(engine, "What is the main lesson of Harbourgate?")


@pytest.mark.parametrize(
    "question", ["Who leads Ostria?", "who leads ostria", "Who governs Ostria?"]
)
def test_a_country_is_led_by_its_president(tmp_path: Path, question: str) -> None:
    # "Who leads Uzbekistan?": "... under President Mirziyoyev's leadership" never says "leads"
    sentences = [
        "Ostria has a historic chance to grow under President Ivo Tarr's rule.",
        "Its harbour is the largest on the coast.",
        "Fishermen in Velor went on strike in May.",
    ]
    entities = [
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
    ]
    roles = {0: (Relation("role", "ivo-tarr", "President"),)}
    with open_article(tmp_path, "ostria", "Ostria's chance", sentences, entities, roles) as engine:
        assert answer(engine, question) == sentences[0]
        assert abstains(engine, "Who leads Velor?")


def test_when_did_it_happen_is_not_answered_by_what_nearly_happened(tmp_path: Path) -> None:
    # "An inquiry in 2002 brought the group close to bankruptcy": Elan never went bankrupt
    sentences = [
        "An inquiry into Kessel's accounts in 2002 brought the group close to bankruptcy.",
        "Harlow Mining went into bankruptcy in 2004.",
    ]
    entities = [
        Entity("kessel", "Kessel", "organization", ()),
        Entity("harlow-mining", "Harlow Mining", "organization", ()),
    ]
    with open_article(tmp_path, "firms", "Firms", sentences, entities) as engine:
        assert abstains(engine, "When did Kessel go bankrupt?")
        assert answer(engine, "When did Harlow Mining go bankrupt?") == sentences[1]


def test_a_span_counted_in_no_number_answers_how_long(tmp_path: Path) -> None:
    # "Ankara's push ... is evident after being on the margins for decades"
    sentences = [
        "Ostria's push for influence is evident after being on the margins for decades.",
        "Velor was on the margins of the league in May.",
    ]
    entities = [
        Entity("ostria", "Ostria", "place", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "ostria", "Ostria's push", sentences, entities) as engine:
        assert answer(engine, "How long was Ostria on the margins?") == sentences[0]
        assert abstains(engine, "How long was Velor on the margins?")


def test_how_soon_asks_a_span_of_time(tmp_path: Path) -> None:
    # "How soon would a new election be held?": "new elections will follow in 30 days"
    sentences = [
        "Velor will vote on August 15 to decide whether new elections are held.",
        "If Velor votes for the recall, new elections will be held in 30 days.",
    ]
    entities = [Entity("velor", "Velor", "place", ())]
    with open_article(tmp_path, "velor", "Velor votes", sentences, entities) as engine:
        assert answer(engine, "How soon would new elections be held in Velor?") == sentences[1]


def test_how_is_x_related_to_y_asks_the_tie_between_the_two_names(tmp_path: Path) -> None:
    # "Michael Foley, brother of James Foley, ..." never writes "related"
    sentences = [
        "No relative of the hostages has come forward in Velor.",
        "When Ivo Tarr, brother of Piet Tarr, received a demand, he called the police.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ()),
        Entity("piet-tarr", "Piet Tarr", "person", ()),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Hostages", sentences, entities) as engine:
        assert answer(engine, "How is Ivo Tarr related to Piet Tarr?") == sentences[1]


def test_its_attribute_in_a_story_about_the_owner_is_the_owners(tmp_path: Path) -> None:
    # "As part of its efforts to cut costs, the company said it was halving its dividend
    # payment to 17 cents" in a story about Marsh, named sentences before
    sentences = [
        "Kessel is to cut 3,000 jobs, its second round of cuts.",
        "Kessel has been hit by a bribery inquiry.",
        "Analysts expect Kessel to sell its brokerage unit.",
        "Insurers across the region have shed jobs this year.",
        "To cut costs, the company said it was halving its dividend to 17 cents a share.",
    ]
    entities = [Entity("kessel", "Kessel", "organization", ())]
    with open_article(tmp_path, "kessel", "Kessel cuts jobs", sentences, entities) as engine:
        assert answer(engine, "What will Kessel's dividend be cut to?") == sentences[4]


def test_a_yes_no_questions_verb_of_holding_a_view_frames_what_is_asked(tmp_path: Path) -> None:
    # "Does Howard accept that curbing immigration is racist?": "Tory plans to cut immigration
    # are not racist, Michael Howard has said" answers it, without "accept" or "curb"
    sentences = [
        "Plans to cut fishing quotas are not harmful, Ivo Tarr has said.",
        "Ivo Tarr recognised that fishing quotas were essential to Velor's harbours.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr on quotas", sentences, entities) as engine:
        question = "Does Tarr accept that curbing fishing quotas is harmful?"
        assert answer(engine, question) == sentences[0]


def test_him_stands_for_the_person_the_sentence_before_names(tmp_path: Path) -> None:
    # "Prime Minister Tony Blair called him a 'giant' of the Labour movement." after a
    # sentence on Callaghan
    sentences = [
        "Harbour master Ivo Tarr has died at the age of 92.",
        "Ada Quin called him a giant of the harbour trade.",
        "Velor's mayor Piet Galan retired in May.",
        "Ada Quin called him a friend, said Lea Voss.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("piet-galan", "Piet Galan", "person", ("Galan",)),
        Entity("lea-voss", "Lea Voss", "person", ("Voss",)),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr dies", sentences, entities) as engine:
        assert answer(engine, "What did Ada Quin call Ivo Tarr?") == sentences[1]
        assert abstains(engine, "What did Ada Quin call Piet Galan?")


@pytest.mark.parametrize(
    "question", ["What is Ivo Tarr's job?", "What is Tarr's position at Kessel?"]
)
def test_a_title_in_apposition_before_an_employer_is_a_role(tmp_path: Path, question: str) -> None:
    # "Jim Lanzone, vice president of search properties at Ask Jeeves in the US, said ..."
    sentences = [
        "Ivo Tarr, vice president of sales at Kessel, said profits would rise.",
        "Ada Quin, sister of Ivo Tarr, said the profits were hers.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("kessel", "Kessel", "organization", ()),
    ]
    with open_article(tmp_path, "kessel", "Kessel profits", sentences, entities) as engine:
        assert answer(engine, question) == sentences[0]
        assert abstains(engine, "What is Ada Quin's job?")


def test_who_is_x_is_answered_best_by_what_x_is_in_apposition(tmp_path: Path) -> None:
    # "Navalny, a 37-year-old anti-corruption lawyer, has been a thorn in Putin's side"
    sentences = [
        "Protests erupted in Velor, and Ivo Tarr, who coined the slogan, became their face.",
        "Tarr, a 37-year-old harbour lawyer, has been a thorn in Ada Quin's side since.",
    ]
    entities = [
        Entity("ivo-tarr", "Ivo Tarr", "person", ("Tarr",)),
        Entity("ada-quin", "Ada Quin", "person", ("Quin",)),
        Entity("velor", "Velor", "place", ()),
    ]
    with open_article(tmp_path, "tarr", "Tarr's protests", sentences, entities) as engine:
        assert answer(engine, "Who is Ivo Tarr?") == sentences[1]


def test_a_count_of_a_nationality_counts_people(tmp_path: Path) -> None:
    # "uprooted at least 1.7 million Chinese": a people's name in the plural counts persons
    sentences = [
        "The Velor dam was finished in 2009 after 17 years of work.",
        "The dam uprooted at least 1.7 million Chinese and flooded 13 cities.",
    ]
    entities = [Entity("velor-dam", "Velor dam", "other", ())]
    with open_article(tmp_path, "dam", "Velor dam", sentences, entities) as engine:
        assert "1.7 million" in answer(engine, "How many people did the Velor dam uproot?")
        assert abstains(engine, "How many people did the Velor dam employ?")
