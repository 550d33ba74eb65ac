"""Questions over the small coast fact base: the right fact first, or an honest no."""

import pytest

from bot.engine import Engine


def top(engine: Engine, question: str) -> str:
    reply = engine.answer(question)
    assert reply.kind == "answer", (question, reply.notice)
    return reply.answers[0].excerpt


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who leads the FCM?", "led by Daria Olsen"),
        ("Who leads the Free Coast Movement?", "led by Daria Olsen"),
        ("who leeds the free coast movment", "led by Daria Olsen"),
        ("Where does the FCM operate?", "Kessel and Tarn"),
        ("Who designated the FCM as a terrorist organization?", "Harbor Council designated"),
        ("When was the FCM designated?", "March 3, 2019"),
        ("What is the Coastal Defense League?", "formerly known as"),
        ("What did Olsen say?", "free within a decade"),
        ("Which group did Varga belong to?", "former member of the Harbor Council"),
        ("When did Varga meet Olsen?", "June 2021"),
        ("How much does Valmora export?", "40 million"),
        ("olsen rally", "rally in Tarn"),
        ("What does FCM stand for?", "Free Coast Movement (FCM)"),
        ("What is FCM?", "Free Coast Movement (FCM)"),
        ("How many euros does Valmora earn from fish and timber?", "40 million"),
    ],
)
def test_answers(shared_engine: Engine, question: str, expected: str) -> None:
    assert expected in top(shared_engine, question)


@pytest.mark.parametrize(
    "question",
    [
        "Who is the president of Valmora?",
        "What is the GDP of Valmora?",
        "Who won the 2024 election?",
        "When did Olsen marry?",
        "How many soldiers does the FCM have?",
        "What is the capital of France?",
        "Who leads Hamas?",  # a name the documents never use
        "When was the FCM founded?",  # a relation is no date
        "Who is the president of the FCM?",  # Olsen leads it; nobody is called its president
    ],
)
def test_abstains_when_the_documents_do_not_answer(shared_engine: Engine, question: str) -> None:
    reply = shared_engine.answer(question)
    assert reply.kind == "no_answer"
    assert reply.answers == ()
    assert reply.notice


def test_no_answer_offers_related_facts(shared_engine: Engine) -> None:
    reply = shared_engine.answer("What is the GDP of Valmora?")
    assert any("Valmora" in c.excerpt for c in reply.related)


def test_a_sentence_leaning_on_the_one_before_comes_after_it(shared_engine: Engine) -> None:
    reply = shared_engine.answer("Which port overtook Valmora?")
    assert "port of Brell" in reply.answers[0].excerpt
    assert "overtook" in reply.answers[1].excerpt


def test_citations_carry_source_and_offsets(shared_engine: Engine, seeds) -> None:
    reply = shared_engine.answer("Who leads the FCM?")
    cite = reply.answers[0]
    text = (seeds / cite.source_path).read_bytes().decode("utf-8")
    assert text[cite.start : cite.end] == cite.excerpt
    assert cite.source_title.startswith("Talks Resume")
    assert "Daria Olsen" in cite.entities


def test_json_shape(shared_engine: Engine) -> None:
    reply = shared_engine.answer("Who leads the FCM?")
    data = reply.to_json("text", 1.5)
    assert set(data) >= {"query", "answers", "related", "text", "elapsed_ms"}
    fact = data["answers"][0]
    assert set(fact) >= {"statement", "excerpt", "score", "start", "end", "entities", "source"}
    assert set(fact["source"]) == {"id", "title", "path"}
    assert all(isinstance(name, str) for name in fact["entities"])


def test_counts_and_version(shared_engine: Engine) -> None:
    assert shared_engine.counts() == {"sources": 1, "entities": 8, "facts": 18}
    assert len(shared_engine.version) == 64


def test_misspelt_document_words_are_corrected_but_new_words_are_not(shared_engine: Engine) -> None:
    assert "ceasefire" in top(shared_engine, "When did Varga discuss a ceasfire?")
    reply = shared_engine.answer("What is the weather in Valmora?")
    assert reply.kind == "no_answer"
