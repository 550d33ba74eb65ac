from bot.engine import Engine
from bot.render import LIMIT, render_plain
from bot.render_html import render_html
from bot.reply import Citation, Line, Reply


def cite(n: int, length: int = 300) -> Citation:
    excerpt = (f"Fact {n} " + "word " * length)[:length].strip()
    return Citation(f"f{n}", excerpt, excerpt, 1.0, 0, len(excerpt), (), "s", "A Title", "a.txt")


def test_every_fact_is_quoted_with_its_source(shared_engine: Engine) -> None:
    reply = shared_engine.answer("Who leads the FCM?")
    text = render_plain(reply)
    for c in reply.answers + reply.related:
        assert f"“{c.excerpt}” — {c.source_title}" in text


def test_brief_lines_reference_numbered_facts(shared_engine: Engine) -> None:
    text = render_plain(shared_engine.answer("/brief FCM"))
    assert "Leader: Daria Olsen [1]" in text
    assert "[1] “The Free Coast Movement" in text
    assert text.splitlines()[-1].startswith("Sources: ")


def test_no_answer_says_so_and_offers_closest(shared_engine: Engine) -> None:
    text = render_plain(shared_engine.answer("What is the GDP of Valmora?"))
    assert "do not answer" in text and "Closest facts:" in text


def test_long_replies_fit_one_message_with_a_continuation() -> None:
    reply = Reply(
        "q",
        "brief",
        title="Topic",
        answers=tuple(cite(n) for n in range(40)),
        extra={"more": 5, "more_command": "/search Topic"},
    )
    text = render_plain(reply)
    assert len(text) <= LIMIT
    shown = text.count("“Fact ")
    assert 0 < shown < 40
    assert text.endswith(f"… ({40 - shown + 5} more: /search Topic)")


def test_a_huge_single_excerpt_is_cut() -> None:
    text = render_plain(Reply("q", "answer", answers=(cite(1, 20_000),)))
    assert len(text) <= LIMIT


def test_help_and_errors_render(shared_engine: Engine) -> None:
    assert "/brief TOPIC" in render_plain(shared_engine.answer("/help"))
    assert "Usage: /who NAME" in render_plain(shared_engine.answer("/who"))


def test_lines_of_one_label_share_a_line() -> None:
    lines = (
        Line("Leader", "Ilimbek Mamatov", 0),
        Line("Area", "Badakhshan", 0),
        Line("Area", "Sari Pul", 0),
        Line("Area", "Faryab", 1),
    )
    reply = Reply("q", "brief", title="IJU", lines=lines, answers=(cite(1), cite(2)))
    text = render_plain(reply)
    assert "Leader: Ilimbek Mamatov [1]\nArea: Badakhshan, Sari Pul [1], Faryab [2]\n" in text
    (page,) = render_html(reply)
    assert "<b>Area:</b> Badakhshan, Sari Pul [1], Faryab [2]" in page


def test_html_lines_escape_labels_and_values() -> None:
    lines = (Line("Role", "<b>boss</b> & co", 0), Line("Also called", "A&B"))
    (page,) = render_html(Reply("q", "who", title="<X>", lines=lines, answers=(cite(1),)))
    assert "<b>Role:</b> &lt;b&gt;boss&lt;/b&gt; &amp; co [1]" in page
    assert "<b>Also called:</b> A&amp;B" in page and "<b>&lt;X&gt;</b>" in page
