"""Names shortened to "&"-joined initials, counts written after the noun, a name doing the
asked verb, a title naming what a sentence leaves implicit. Each test
reads a tiny invented fact base, so it shows one mechanism and fails without it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engine_articles import answer, open_article

from bot.engine import Engine
from bot.factbase import Entity

ENTITIES = [
    Entity("marlow", "Marlow", "organization", ()),
    Entity("tessaly", "Tessaly", "organization", ()),
    Entity("varna-coast", "Varna Coast", "place", ()),
    Entity("ivo-pell", "Ivo Pell", "person", ("Pell",)),
]
TITLE = "M&M agrees Tessaly deal"
SENTENCES = [
    "Drinks maker Marlow & Marlow will pay $3.2bn for bottling firm Tessaly.",
    "Tessaly makes glass bottles in six plants.",
    "Rival bidder Pendle would pay $1.1bn for Tessaly.",
    "Coastal patrol boats - to number 40 by next year - will guard the Varna Coast.",
    "The Varna Coast has harbour pilots totalling 120 since the spring.",
    "Given Marlow chairman Ivo Pell's stated wish to close plants on the Varna Coast, staff "
    "at Tessaly were wary.",
    "Last month Pell closed the old harbour depot.",
    "Lawyers will sign it next Friday.",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    opened = open_article(
        tmp_path_factory.mktemp("abbreviations"), "deal", TITLE, SENTENCES, ENTITIES
    )
    yield opened
    opened.close()


def test_ampersand_initials_stand_for_the_name_the_documents_spell_out(engine: Engine) -> None:
    assert "$3.2bn" in answer(engine, "How much will M&M pay for Tessaly?")


def test_ampersand_initials_without_a_matching_name_stay_as_written(engine: Engine) -> None:
    assert engine._spell_out_initials("Will Q&A help?") == "Will Q&A help?"
    assert engine._spell_out_initials("Did M&M buy it?") == "Did Marlow & Marlow buy it?"


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("How many coastal patrol boats will there be?", "to number 40"),
        ("How many harbour pilots does the Varna Coast have?", "totalling 120"),
    ],
)
def test_a_count_may_follow_the_noun_after_a_counting_verb(
    engine: Engine, question: str, number: str
) -> None:
    assert number in answer(engine, question)


def test_the_name_right_before_the_asked_verb_did_it(engine: Engine) -> None:
    assert answer(engine, "What did Pell close?").startswith("Last month Pell closed")


def test_the_title_names_what_the_sentence_leaves_implicit(engine: Engine) -> None:
    assert answer(engine, "When will lawyers sign the Tessaly deal?").startswith("Lawyers will")


@pytest.mark.parametrize(
    "question",
    [
        "When will lawyers sign the Tessaly lease?",  # "lease": neither title nor sentence
        "When will auditors sign the Tessaly deal?",  # the sentence says too little itself
    ],
)
def test_the_title_fills_only_what_the_sentence_lacks(engine: Engine, question: str) -> None:
    assert engine.answer(question).kind != "answer"
