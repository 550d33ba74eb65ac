"""Whatever arrives, the engine replies with something helpful and never raises."""

from pathlib import Path

import pytest
from engine_articles import answer, open_article
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.factbase import Entity
from bot.render import LIMIT, render_plain

NASTY = [
    "",
    " ",
    "\n\t\r",
    "x" * 10_000,
    "Who leads " * 1_000,
    "?!.,;:…" * 20,
    "🙂🔥💣",
    "\x00\x01\x1b[31m\x7f",
    '"unbalanced',
    "FCM AND Olsen",
    "NEAR(FCM Olsen)",
    "FCM*",
    '"',
    "''",
    "col:FCM",
    "-FCM",
    "^FCM",
    "<b>Who</b> leads <script>alert(1)</script> FCM?",
    "من يقود الحركة؟",
    "מי מוביל את התנועה?",
    "\u202eFCM\u202c",
    "/",
    "//",
    "/brief",
    "/who    ",
    "/unknown-command",
    '/search "',
    "/timeline 99999",
    "/timeline 0",
    "/brief " + "y" * 5000,
    "/quote NEAR(",
    "\ud800",
]


@pytest.mark.parametrize("text", NASTY)
def test_nasty_input_gets_a_reply(shared_engine: Engine, text: str) -> None:
    reply = shared_engine.answer(text)
    rendered = render_plain(reply)
    assert rendered.strip()
    _check_citations(shared_engine, reply)
    assert len(rendered) <= LIMIT
    if reply.kind == "error":
        assert reply.notice and "Traceback" not in rendered


def test_fts_syntax_is_only_words(shared_engine: Engine) -> None:
    assert shared_engine.answer('"FCM" AND NEAR(Olsen*').kind in ("answer", "brief", "no_answer")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text(shared_engine: Engine, text: str) -> None:
    reply = shared_engine.answer(text)
    assert render_plain(reply).strip()
    _check_citations(shared_engine, reply)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(
        ["", "/brief ", "/who ", "/timeline ", "/quote ", "/search ", "who ", "what is "]
    ),
    st.text(
        alphabet=st.sampled_from(list("FCM Olsen Varga Tarn\"*()-:^'?/@\u05d0\u0645")), max_size=40
    ),
)
def test_arbitrary_commands(shared_engine: Engine, prefix: str, text: str) -> None:
    reply = shared_engine.answer(prefix + text)
    assert render_plain(reply).strip()
    _check_citations(shared_engine, reply)


def _check_citations(engine: Engine, reply) -> None:
    assert not reply.notice.startswith("Something went wrong"), reply.query  # a swallowed bug
    assert engine.seeds_dir is not None
    for cite in reply.answers + reply.related:
        text = (engine.seeds_dir / cite.source_path).read_bytes().decode("utf-8")
        assert text[cite.start : cite.end] == cite.excerpt


def test_a_letter_alone_is_no_question(tmp_path: Path) -> None:
    # "U.S." gives the facts a word "u": a one-letter message (or "ü" under stacked accents)
    # met every story on America
    sentences = [
        "The U.S. army left Velor in 2001.",
        "Velor held an election in 2004.",
        "The Islamic State Khorasan (IS-K) is active in Velor.",
    ]
    entities = [
        Entity("united-states", "United States", "place", ("U.S.", "US")),
        Entity("velor", "Velor", "place", ()),
        Entity("is-k", "Islamic State Khorasan", "organization", ("IS-K",)),
    ]
    with open_article(tmp_path, "velor", "Velor after the war", sentences, entities) as engine:
        for text in ("u", "ü\u0308\u0344\u0308\u0344", "U"):
            assert engine.answer(text).kind == "error", text
        assert "2001" in answer(engine, "When did the U.S. army leave Velor?")
        # letters that spell a name are a question: "is" is a stopword, "k" a letter
        assert engine.answer("What is IS-K?").kind != "error"


def test_a_name_asked_again_and_again_is_told_once(shared_engine: Engine) -> None:
    reply = shared_engine.answer("What is Daria Olsen's favourite colour, Daria Olsen?")
    assert reply.kind == "no_answer"
    assert reply.notice is not None and reply.notice.count("Daria Olsen") == 1
