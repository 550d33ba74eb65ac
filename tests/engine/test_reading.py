"""Reading unseen documents less literally: irregular verbs, subjects that refer back,
light-verb questions, measures, possessive pronouns. Each test builds a tiny invented
fact base, so it shows one mechanism and fails without it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engine_articles import abstains, answer, open_article

from bot.engine import Engine
from bot.engine.text import holds_measure, key, leans_on_previous
from bot.factbase import Entity

ENTITIES = [
    Entity("lena-brandt", "Lena Brandt", "person", ("Brandt",)),
    Entity("omar-dekker", "Omar Dekker", "person", ("Dekker",)),
    Entity("ivo-marsh", "Ivo Marsh", "person", ("Marsh",)),
    Entity("sorel", "Sorel", "place", ()),
    Entity("quillon", "Quillon", "place", ()),
    Entity("the-glass-harbour", "The Glass Harbour", "other", ()),
    Entity("pellam", "Pellam", "organization", ()),
]
TITLE = "Brandt returns to Sorel"
SENTENCES = [
    "Lena Brandt and her family fled to Quillon in 1998.",
    "She was later sued by the producer Omar Dekker.",
    "Brandt's cousin, the painter Ivo Marsh, vanished at sea two years later.",
    "Lena Brandt has won another award for The Glass Harbour.",
    "The 40-year-old told reporters in Quillon that she would return.",
    "Made by Omar Dekker, the film was praised by critics but did poorly at the box office.",
    "Pellam launched a new search tool on Monday.",
    "The new tool has been compared to an older feature from Sorel by some users.",
    (
        "Users would switch back only if chairman Omar Dekker agreed, as former mayor Ivo "
        "Marsh and Foreign Minister Pia Holt did."
    ),
    "Brandt is asking for damages after a fall on the set of the 2019 film.",
    "Although Dekker retired in May, his successor, Ivo Marsh, kept the studio open.",
    "A retrospective of 300 paintings will open in Quillon next spring.",
    "Critics said the show would lead directly to Quillon.",
    "Quillon, with a population of about 80,000, is the largest port of the coast.",
    "Ivo Marsh opened his new gallery for Sorel.",
    "Ivo Marsh opened his new gallery last year, after long delays, in Quillon.",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    opened = open_article(tmp_path_factory.mktemp("reading"), "brandt", TITLE, SENTENCES, ENTITIES)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    "forms",
    [
        "flee fled",
        "make made makes",
        "take took taken",
        "choose chose chosen",
        "become became",
        "seek sought seeking",
        "build built",
        "win won",
        "die died dies dying",
    ],
)
def test_irregular_forms_meet_their_stem(forms: str) -> None:
    assert len({key(w) for w in forms.split()}) == 1, {w: key(w) for w in forms.split()}


def test_irregular_past_answers_a_present_question(engine: Engine) -> None:
    assert "1998" in answer(engine, "When did Lena Brandt flee to Quillon?")


@pytest.mark.parametrize(
    ("excerpt", "leans"),
    [
        ("The 40-year-old told reporters in Sorel that she was sorry.", True),
        ("Made by Omar Dekker, the film was praised.", True),
        ("The new tool has been compared to Smart Tags.", True),
        ("The government of Sorel is hoping to grow.", False),
        ("The Hague said no.", False),
        ("But the 40-year-old Dubliner said no.", True),
        ("Butter the bread.", False),
        ("The TIP’s top leader, who was even appointed to the council, spoke.", True),
        ("The Hague's court said no.", True),  # the court, named in the sentence before
        ("If they do not respond or their explanations fail, they will be banned.", True),
        ("Since her abduction, videos of Mrs Hassan have been shown.", False),
        ("The Greek pair were charged after missing tests.", True),
        ("The British government said no.", False),
    ],
)
def test_definite_description_refers_back(excerpt: str, leans: bool) -> None:
    assert leans_on_previous(excerpt) is leans


def test_definite_subject_inherits_the_previous_topic(engine: Engine) -> None:
    assert "older feature from Sorel" in answer(
        engine, "Which Sorel feature was Pellam's tool compared to?"
    )


def test_what_happened_needs_no_predicate(engine: Engine) -> None:
    reply = engine.answer("What happened to Ivo Marsh?")
    assert reply.kind == "answer"
    assert any("vanished at sea" in a.excerpt for a in (*reply.answers, *reply.related))
    assert all("Marsh" in a.excerpt for a in reply.answers)


def test_how_much_needs_an_amount_not_any_number(engine: Engine) -> None:
    assert abstains(engine, "How much money is Brandt asking for?")


def test_how_long_needs_a_duration(engine: Engine) -> None:
    assert abstains(engine, "How long did Lena Brandt flee to Quillon?")


def test_possessive_pronoun_ties_an_attribute_to_its_antecedent(engine: Engine) -> None:
    assert "Ivo Marsh" in answer(engine, "Who is the successor of Dekker?")


def test_who_verb_without_a_name_must_be_said(engine: Engine) -> None:
    assert abstains(engine, "Who won the box office?")


def test_a_sentence_that_refers_back_is_found_without_the_name(engine: Engine) -> None:
    assert "40-year-old" in answer(engine, "How old is Lena Brandt?")
    assert "Quillon" in answer(engine, "Where did Lena Brandt tell reporters she would return?")


def test_how_old_needs_an_age(engine: Engine) -> None:
    assert abstains(engine, "How old is Omar Dekker?")


def test_who_verb_must_be_said_even_with_a_name(engine: Engine) -> None:
    assert abstains(engine, "Who sold Pellam a new search tool?")


def test_a_role_title_before_a_name_answers_for_the_passage_topic(engine: Engine) -> None:
    assert "chairman Omar Dekker" in answer(engine, "Who is the chairman of Sorel?")
    assert abstains(engine, "Who is the mayor of Sorel?")  # "former mayor": no longer


def test_a_role_is_qualified_as_asked(engine: Engine) -> None:
    assert abstains(engine, "Who is the prime minister of Sorel?")  # "Foreign Minister"


def test_a_fact_saying_all_else_stands_for_the_document_topic(engine: Engine) -> None:
    question = "When will the retrospective of paintings by Brandt open in Quillon?"
    assert "next spring" in answer(engine, question)
    assert abstains(engine, "When will the retrospective of sculptures by Brandt open in Quillon?")


def test_an_adverb_does_not_say_the_verb(engine: Engine) -> None:
    assert abstains(engine, "Who directed Quillon?")


def test_a_compound_age_is_no_duration() -> None:

    assert holds_measure("long", "another 12 years")
    assert not holds_measure("long", "The 21-year-old told reporters")


def test_a_population_of_n_counts_people(engine: Engine) -> None:
    assert "80,000" in answer(engine, "How many people live in Quillon?")


def test_where_prefers_a_place_where_it_happened(engine: Engine) -> None:
    assert answer(engine, "Where did Ivo Marsh open his new gallery?").endswith("in Quillon.")


def test_a_season_is_a_duration() -> None:
    assert holds_measure("long", "he has missed nearly three full seasons")


def test_who_answer_naming_the_person_itself_comes_first(engine: Engine) -> None:
    assert answer(engine, "Who sued Lena Brandt?").startswith("She was later sued")
