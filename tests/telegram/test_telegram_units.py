"""The small parts on their own: HTML rendering, ingestion, rate limit, diff, metrics, redaction."""

from __future__ import annotations

import codecs
import logging
import sys
from pathlib import Path

import pytest
from fake_bot_api import TelegramHTMLError, parse_html
from hypothesis import given, settings
from hypothesis import strategies as st
from mini import MiniEngine, mini_compile

from bot.errors import IngestError
from bot.factbase import Fact, FactBase, Source
from bot.knowledge import Knowledge, diff_bases
from bot.render_html import MESSAGE_LIMIT, render_citation, render_html, units
from bot.reply import Citation, Line, Reply
from bot.telegram.ingest import html_to_text, safe_name, save_upload
from bot.telegram.metrics import Metrics
from bot.telegram.ratelimit import RateLimiter
from bot.telegram.redact import MASK, TokenRedactor
from bot.telegram.web import RefusedCalls


def citation(excerpt: str, title: str = "A <b>title</b> & more", number: int = 1) -> Citation:
    return Citation(
        f"f{number}",
        "statement",
        excerpt,
        1.0,
        0,
        len(excerpt),
        ("Ada",),
        "s1",
        title,
        "dir/a.txt",
        "2020-02-29",
    )


def test_render_html_escapes_and_quotes_with_source():
    reply = Reply(
        "q",
        "brief",
        title="IJU <group>",
        lines=(Line("Leader", "A & B", 0),),
        answers=(citation("He said <nothing> & left."),),
        rows=("row <1>",),
    )
    (page,) = render_html(reply)
    assert page.startswith("<b>IJU &lt;group&gt;</b>")
    assert "<b>Leader:</b> A &amp; B [1]" in page
    assert (
        "<blockquote>He said &lt;nothing&gt; &amp; left.</blockquote>\n"
        "[1] <i>A &lt;b&gt;title&lt;/b&gt; &amp; more</i> · 2020-02-29"
    ) in page
    assert "<b>Sources:</b> row &lt;1&gt;" in page
    parse_html(page)


def test_no_answer_offers_closest_facts_and_continuation():
    reply = Reply(
        "q",
        "no_answer",
        notice="The documents do not say.",
        related=(citation("Near <miss>."),),
        extra={"more": 3, "more_command": "/search x"},
    )
    (page,) = render_html(reply)
    assert "<b>Closest facts</b>" in page and "Related" not in page
    assert page.endswith("<i>… 3 more: /search x</i>")
    brief = Reply("q", "brief", answers=(citation("A."),), rows=("Doc one", "Doc <two>"))
    (page,) = render_html(brief)
    assert "<b>Sources:</b> Doc one; Doc &lt;two&gt;" in page
    assert page.count("Sources:") == 1  # one line, as in the plain text, not a label per row


def test_long_replies_split_on_paragraph_boundaries():
    answers = tuple(citation(f"Sentence {i} " + "word " * 150, number=i) for i in range(20))
    pages = render_html(Reply("q", "search", answers=answers))
    assert len(pages) > 3
    for page in pages:
        assert units(page) <= MESSAGE_LIMIT
        parse_html(page)
        assert page.count("<blockquote") == page.count("</blockquote>")
    joined = "\n\n".join(pages)
    assert all(f"Sentence {i} " in joined for i in range(20))


def test_pages_are_measured_in_utf16_units():
    pages = render_citation(citation("😀 " * 3000))
    assert len(pages) >= 3
    assert all(units(page) <= MESSAGE_LIMIT for page in pages)
    assert max(units(page) for page in pages) > MESSAGE_LIMIT // 2


def test_a_huge_excerpt_is_cut_into_well_formed_pages():
    excerpt = "Ünïcode & <tags> " * 1000
    pages = render_citation(citation(excerpt))
    assert len(pages) >= 4
    for page in pages:
        assert units(page) <= MESSAGE_LIMIT
        parse_html(page)
    assert "File: dir/a.txt (characters 0–" in pages[-1]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=3000), min_size=1, max_size=6), st.text(max_size=500))
def test_any_text_renders_to_valid_pages(excerpts, title):
    reply = Reply(
        "q",
        "answer",
        title=title,
        notice=title,
        answers=tuple(citation(e, title=title or "t") for e in excerpts if e.strip()),
    )
    for page in render_html(reply, limit=1000):
        assert units(page) <= 1000
        try:
            parse_html(page)
        except TelegramHTMLError as exc:  # pragma: no cover - the assertion explains
            raise AssertionError(f"{exc}: {page!r}") from exc


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd.md", "passwd.md"),
        ("C:\\Users\\x\\Notes 2020 (final).TXT", "Notes_2020_final.txt"),
        ("..hidden.txt", "hidden.txt"),
        ("Статья про Казахстан.html", "Статья_про_Казахстан.html"),
        ("a" * 300 + ".md", "a" * 80 + ".md"),
    ],
)
def test_safe_names(raw, safe):
    result = safe_name(raw)
    assert result == safe or (result.endswith(Path(safe).suffix) and "/" not in result)


@pytest.mark.parametrize("raw", ["", "   ", "tool.exe", "noext", "....txt", "/"])
def test_bad_names_are_refused(raw):
    with pytest.raises(IngestError):
        safe_name(raw)


def test_upload_never_leaves_or_overwrites(tmp_path):
    seeds = tmp_path / "seeds"
    first = save_upload(seeds, "doc.txt", b"Title\nOne.\n", max_bytes=100)
    second = save_upload(seeds, "doc.txt", b"Title\nTwo.\n", max_bytes=100)
    again = save_upload(seeds, "doc.txt", b"Title\nOne.\n", max_bytes=100)
    assert first.path.name == "doc.txt" and second.path.name == "doc-2.txt" and again.unchanged
    assert "saved as doc-2.txt" in second.note
    assert (seeds / "doc.txt").read_text() == "Title\nOne.\n"
    with pytest.raises(IngestError, match="limit is 100 bytes"):
        save_upload(seeds, "big.txt", b"x" * 101, max_bytes=100)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["doc-2.txt", "doc.txt"]


def test_html_declaring_its_charset_is_decoded(tmp_path):
    page = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир.</p></body></html>'
    saved = save_upload(tmp_path, "ru.html", page.encode("cp1251"), max_bytes=10_000)
    assert saved.path.read_text(encoding="utf-8") == "Привет, мир.\n"
    with pytest.raises(IngestError, match="not UTF-8 text"):
        save_upload(tmp_path, "ru.txt", "Привет".encode("cp1251"), max_bytes=10_000)
    with pytest.raises(IngestError, match="unknown charset"):
        save_upload(tmp_path, "x.html", b'<meta charset="klingon"><p>x</p>', max_bytes=10_000)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_text_not_binary(tmp_path, encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    data = bom + "Notes on Ülgii\nThe council met on 3 May.\n".encode(encoding)
    saved = save_upload(tmp_path, "notes.txt", data, max_bytes=10_000)
    assert saved.path.read_text(encoding="utf-8") == "Notes on Ülgii\nThe council met on 3 May.\n"
    with pytest.raises(IngestError, match="binary"):  # no mark: NULs still mean binary
        save_upload(tmp_path, "raw.txt", "Notes".encode("utf-16-le"), max_bytes=10_000)


def test_html_to_text_keeps_the_article_only():
    html = """<html><head><title>T | Site</title><script>alert("<p>x</p>")</script></head>
    <body><nav><li>Menu</li></nav><h2>Section</h2><p>First <i>para</i>&nbsp;&amp; more.</p>
    <ul><li>Item</li></ul><aside><p>Ad</p></aside><div><p>Nested <span>p</span></p></div>
    <footer>Foot</footer></body></html>"""
    assert html_to_text(html) == "T | Site\n\nSection\n\nFirst para & more.\n\nItem\n\nNested p\n"


def test_rate_limiter_refills():
    now = [0.0]
    limiter = RateLimiter(2, 10.0, clock=lambda: now[0])
    assert limiter.take(1) == 0 and limiter.take(1) == 0
    wait = limiter.take(1)
    assert wait == pytest.approx(5.0)
    assert limiter.should_warn(1) and not limiter.should_warn(1)
    assert limiter.take(2) == 0  # buckets are per user
    now[0] = 5.0
    assert limiter.take(1) == 0
    assert limiter.should_warn(1)  # a new run of refusals warns again


def test_diff_bases():
    old = FactBase([Source("a", "a.txt", "A", 0, 9)], [], [Fact("a-1", "a", 0, 3, "abc", "abc")])
    new = FactBase(
        [Source("a", "a.txt", "A2", 0, 9), Source("b", "b.txt", "B", 0, 5)],
        [],
        [Fact("b-1", "b", 0, 3, "xyz", "xyz")],
    )
    diff = diff_bases(old, new)
    assert diff.sources.added == ("b",) and diff.sources.changed == ("a",)
    assert diff.facts.added == ("b-1",) and diff.facts.removed == ("a-1",)
    assert "  added: B" in diff.lines()
    assert diff_bases(new, new).lines() == ["Nothing changed."]
    many = FactBase([Source(f"s{i:02}", f"{i}.txt", f"Title {i}", 0, 5) for i in range(25)])
    lines = diff_bases(FactBase(), many).lines()
    assert lines[-2:] == ["  added: Title 9", "  … and 15 more added"]


def test_knowledge_refuses_a_base_that_fails_validation(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("A\nOne fact.\n", encoding="utf-8")
    knowledge = Knowledge(
        seeds, tmp_path / "k", compile_folder=mini_compile, open_engine=MiniEngine.open
    )
    assert knowledge.open().ok
    retired = []
    knowledge.on_retire = retired.append

    def corrupting(seeds_dir, knowledge_dir, **kwargs):
        result = mini_compile(seeds_dir, knowledge_dir, **kwargs)
        fact = result.base.facts[0]
        result.base.facts[0] = Fact(fact.id, fact.source, fact.start, fact.end, "not the text", "x")
        return result

    knowledge._compile = corrupting
    version = knowledge.version
    result = knowledge.reload()
    assert not result.ok and "excerpt differs from a.txt" in result.problems[0]
    assert knowledge.version == version and retired == []
    knowledge._compile = mini_compile
    (seeds / "b.txt").write_text("B\nAnother.\n", encoding="utf-8")
    assert knowledge.reload().ok and len(retired) == 1


def test_metrics_text():
    metrics = Metrics()
    metrics.updates["message"] += 2
    metrics.reply_latency.observe(0.003)
    metrics.reply_latency.observe(0.3)
    metrics.gauges["facts"] = lambda: 42
    text = metrics.render()
    assert 'briefbot_updates_total{kind="message"} 2' in text
    assert 'briefbot_reply_latency_seconds_bucket{le="0.005"} 1' in text
    assert 'briefbot_reply_latency_seconds_bucket{le="0.5"} 2' in text
    assert "briefbot_facts 42" in text
    assert "# TYPE briefbot_reply_latency_seconds histogram" in text


def test_redactor_cleans_message_args_and_tracebacks():
    redactor = TokenRedactor("123:SECRET")
    try:
        raise ValueError("url https://x/bot123:SECRET/getMe")
    except ValueError:
        record = logging.LogRecord(
            "t", logging.ERROR, __file__, 1, "GET %s", ("/bot123:SECRET/x",), sys.exc_info()
        )
    redactor.filter(record)
    assert record.getMessage() == f"GET /bot{MASK}/x"
    assert "SECRET" not in record.exc_text and MASK in record.exc_text


@pytest.mark.parametrize("cut_after", range(2035, 2060))
def test_a_line_longer_than_a_message_is_clipped_into_valid_html(cut_after):
    label = "L" * (cut_after - 10)  # moves the cut across the tag and the entities that follow
    reply = Reply("q", "sources", lines=(Line(label, "a&b<c>" * 1000),), rows=("T&" * 3000,))
    for page in render_html(reply):
        assert units(page) <= MESSAGE_LIMIT
        try:
            parse_html(page)
        except TelegramHTMLError as exc:  # pragma: no cover - the assertion explains
            raise AssertionError(f"{exc}: {page[-40:]!r}") from exc


def test_refused_webhook_calls_are_warned_about_once_a_minute_with_a_count(caplog):
    now = [0.0]
    refused = RefusedCalls(clock=lambda: now[0])
    for second in (0, 1, 2, 59, 61, 62):
        now[0] = second
        refused.note("203.0.113.9")
    warned = [r.getMessage() for r in caplog.records if "wrong secret" in r.getMessage()]
    assert warned == [
        "webhook call with a wrong secret from 203.0.113.9 (1 since the last warning)",
        "webhook call with a wrong secret from 203.0.113.9 (4 since the last warning)",
    ]


def test_redactor_cleans_a_malformed_call_that_logging_will_print_raw(capsys):
    logger = logging.getLogger("briefbot.test.malformed")
    handler = logging.StreamHandler(sys.stderr)
    token = "123:" + "SECRET"  # not spelled out here: logging prints this line's source too
    url = f"https://x/bot{token}/getMe"
    handler.addFilter(TokenRedactor(token))
    logger.addHandler(handler)
    logger.propagate = False  # pytest's own capture handler raises on a malformed call
    try:
        logger.error("GET %s %s", url)  # noqa: PLE1206 - one argument short, on purpose
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    printed = capsys.readouterr().err
    assert "--- Logging error ---" in printed and token not in printed


def test_html_without_paragraphs_keeps_its_text_by_divs_and_line_breaks():
    html = """<html><head><title>Port news</title><style>div{}</style></head><body>
    <nav><div>Home</div></nav>
    <div class="story"><div>The Aralsk port reopened in May.</div>
    <div>Dana Serikova said trade<br>would double &amp; more.<br>
    <br>A <b>second</b> <i>paragraph</i>.</div></div>
    <footer><div>Contact</div></footer></body></html>"""
    assert html_to_text(html) == (
        "Port news\n\nThe Aralsk port reopened in May.\n\n"
        "Dana Serikova said trade would double & more.\n\nA second paragraph.\n"
    )
