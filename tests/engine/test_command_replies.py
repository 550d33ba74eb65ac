"""/timeline, /quote, /sources and names a command cannot find: each rule over a tiny
invented article (sentences with the dates a compiler would give them), failing without it."""

from __future__ import annotations

from pathlib import Path

from bot import factbase
from bot.engine import Engine
from bot.factbase import Entity, Fact, FactBase, Relation, Source
from bot.render import render_plain
from bot.render_html import render_html


def open_dated(
    root: Path,
    sentences: list[tuple[str, str | None]],
    entities: list[Entity],
    relations: dict[int, tuple[Relation, ...]] | None = None,
    *,
    sources: int = 1,
) -> Engine:
    """One article of (sentence, date) pairs, or the same article under several titles."""
    seeds, knowledge = root / "seeds", root / "knowledge"
    seeds.mkdir()
    facts, listed = [], []
    for copy in range(sources):
        slug = f"story{copy}"
        text = f"Story {copy}\n\n" + " ".join(s for s, _ in sentences) + "\n"
        (seeds / f"{slug}.txt").write_text(text, encoding="utf-8")
        listed.append(Source(slug, f"{slug}.txt", f"Story {copy}", 0, len(text)))
        for n, (sentence, date) in enumerate(sentences):
            at = text.index(sentence)
            named = tuple(
                e.id for e in entities if any(a in sentence for a in (e.name, *e.aliases))
            )
            rels = (relations or {}).get(n, ())
            facts.append(
                Fact(
                    f"{slug}-{n}",
                    slug,
                    at,
                    at + len(sentence),
                    sentence,
                    sentence,
                    named,
                    date,
                    relations=rels,
                )
            )
    factbase.save(FactBase(listed, entities, facts), knowledge, seeds)
    return Engine.open(knowledge, seeds)


PEOPLE = [
    Entity("ann-lee", "Ann Lee", "person", ("Lee",)),
    Entity("bo-park", "Bo Park", "person", ("Park",)),
    Entity("oilco", "Oilco", "organization"),
]


def test_a_misspelt_name_is_found_but_a_name_inside_other_words_is_not(tmp_path: Path) -> None:
    entities = [
        *PEOPLE,
        Entity("ea", "EA", "organization"),
        Entity("republic", "Republic", "other"),
    ]
    sentences = [
        ("Ann Lee, an engineer, joined Oilco.", None),
        ("EA sold games; the Republic played well.", None),
    ]
    with open_dated(tmp_path, sentences, entities) as engine:
        assert engine.answer("/who Anne Lee").title.startswith("Ann Lee")
        for typo in ("/who Micheal Hovard", "/brief Zanzibar Republic"):
            reply = engine.answer(typo)
            assert not reply.title.startswith(("EA", "Republic")), typo


def test_an_unknown_name_gets_the_closest_names(tmp_path: Path) -> None:
    with open_dated(tmp_path, [("Bo Park met Ann Lee.", None)], PEOPLE) as engine:
        reply = engine.answer("/quote Bo Parkmann")
        far = engine.answer("/quote Zyx Wvu")
    assert reply.kind == "no_answer" and "Closest names: Bo Park" in reply.notice
    assert far.kind == "no_answer" and "Closest names" not in far.notice


def test_quotes_are_what_they_said_not_what_was_said_of_them(tmp_path: Path) -> None:
    sentences = [
        ("Since 2016, Ann Lee has “astonished her citizens with her zeal for reform.”", "2016"),
        ("Bo Park insisted that Oilco had “done nothing wrong at all”.", None),
        ("“We will appeal the ruling today,” said Oilco analyst Bo Park.", None),
        ("Bo Park continues to praise Ann Lee: “She is the best we ever had.”", None),
    ]
    with open_dated(tmp_path, sentences, PEOPLE) as engine:
        park = engine.answer("/quote Bo Park")
        lee = engine.answer("/quote Ann Lee")
    assert [c.excerpt for c in park.answers] == [s for s, _ in sentences[1:4]]
    assert lee.kind == "no_answer" and lee.answers == ()
    assert "quote nothing said by Ann Lee" in lee.notice
    assert {c.excerpt for c in lee.related} == {sentences[0][0], sentences[3][0]}


def test_quotes_that_name_their_speaker_are_chosen_first(tmp_path: Path) -> None:
    said = (Relation("quote", "bo-park", "words"),)
    sentences = [(f"“We shall win game {n},” he said.", None) for n in range(6)]
    sentences.append(("“We lost,” Bo Park said.", None))
    relations = dict.fromkeys(range(7), said)
    with open_dated(tmp_path, sentences, PEOPLE, relations) as engine:
        reply = engine.answer("/quote Bo Park")
    assert len(reply.answers) == 5 and "“We lost,” Bo Park said." in [
        c.excerpt for c in reply.answers
    ]


def test_timeline_of_a_name_in_a_year(tmp_path: Path) -> None:
    sentences = [
        ("Oilco opened a refinery in 2003.", "2003"),
        ("Oilco sold it in 2005.", "2005"),
        ("Bo Park joined in 2005.", "2005"),
    ]
    with open_dated(tmp_path, sentences, PEOPLE) as engine:
        reply = engine.answer("/timeline Oilco 2005")
        ancient = engine.answer("/timeline 1066")
    assert reply.title == "Timeline: Oilco 2005"
    assert [c.excerpt for c in reply.answers] == ["Oilco sold it in 2005."]
    assert ancient.kind == "no_answer" and "no dated facts for 1066" in ancient.notice


def test_a_timeline_shows_each_event_once_and_only_sentences_that_stand_alone(
    tmp_path: Path,
) -> None:
    sentences = [
        ("What did Oilco promise in 2001?", "2001"),
        ("It bought a rival in 2002.", "2002"),
        ("Oilco cut 300 jobs in March 2004.", "2004-03"),
        ("Nevertheless, the unions agreed.", "2004-03"),  # dated by the sentence before
    ]
    with open_dated(tmp_path, sentences, PEOPLE, sources=2) as engine:
        reply = engine.answer("/timeline Oilco")
        everything = engine.answer("/timeline")
    assert [c.excerpt for c in reply.answers] == ["Oilco cut 300 jobs in March 2004."]
    assert [c.excerpt for c in everything.answers] == ["Oilco cut 300 jobs in March 2004."]


def test_no_dated_facts_points_to_the_ones_with_a_time_but_no_year(tmp_path: Path) -> None:
    sentences = [("Ann Lee met Bo Park last week.", None), ("Ann Lee spoke.", None)]
    with open_dated(tmp_path, sentences, PEOPLE) as engine:
        reply = engine.answer("/timeline Ann Lee")
    assert reply.kind == "no_answer"
    assert "1 say when without a year" in reply.notice and "/brief Ann Lee" in reply.notice


def test_a_timeline_is_read_down_its_dates(tmp_path: Path) -> None:
    sentences = [("Oilco opened in 2003.", "2003"), ("Oilco <b>closed</b> in 2009.", "2009")]
    with open_dated(tmp_path, sentences, PEOPLE) as engine:
        reply = engine.answer("/timeline Oilco")
    lines = render_plain(reply).splitlines()
    assert lines[1] == "2003: “Oilco opened in 2003.” — Story 0"
    (page,) = render_html(reply)
    assert "<b>2009</b>\n<blockquote>Oilco &lt;b&gt;closed&lt;/b&gt; in 2009.</blockquote>" in page


def test_sources_list_a_page_and_count_the_rest(tmp_path: Path) -> None:
    with open_dated(tmp_path, [("Oilco grew.", None)], PEOPLE, sources=35) as engine:
        reply = engine.answer("/sources")
    assert reply.title == "35 sources" and len(reply.rows) == 30
    assert render_plain(reply).endswith("(5 more: /search WORDS finds a document's facts)")


def test_without_quotation_marks_what_they_said_is_still_theirs(tmp_path: Path) -> None:
    sentences = [
        ("Bo Park, whose mother was a miner, said many people would be offended.", None),
        ("Oilco met Bo Park on Monday.", None),
    ]
    with open_dated(tmp_path, sentences, PEOPLE) as engine:
        reply = engine.answer("/quote Bo Park")
    assert [c.excerpt for c in reply.answers] == [sentences[0][0]]


def test_search_shows_a_report_printed_twice_once(tmp_path: Path) -> None:
    sentences = [("Oilco cut 300 jobs at its Leeds refinery.", None), ("Oilco grew.", None)]
    with open_dated(tmp_path, sentences, PEOPLE, sources=2) as engine:
        reply = engine.answer("/search Oilco jobs refinery")
    excerpts = [c.excerpt for c in reply.answers]
    assert excerpts.count(sentences[0][0]) == 1


def test_a_clock_time_read_as_a_year_is_no_event(tmp_path: Path) -> None:
    sentences = [
        ("By 1650 GMT, Oilco shares were trading 5% lower.", "1650"),  # as a compiler dated it
        ("Oilco was founded in 1870.", "1870"),
    ]
    with open_dated(tmp_path, sentences, PEOPLE) as engine:
        reply = engine.answer("/timeline Oilco")
    assert [c.excerpt for c in reply.answers] == ["Oilco was founded in 1870."]


def test_a_part_of_one_name_finds_it_and_a_part_of_several_lists_them(tmp_path: Path) -> None:
    entities = [
        *PEOPLE,
        Entity("jamaat-ansarullah", "Jamaat Ansarullah", "organization"),
        Entity("ansar", "Ansar", "organization"),
        Entity("islamic-jihad-union", "Islamic Jihad Union", "organization"),
        Entity("eurasian-union", "Eurasian Union", "organization"),
    ]
    sentences = [
        ("Jamaat Ansarullah fights in Tarn; Ansar does not.", None),
        ("The Islamic Jihad Union and the Eurasian Union met.", None),
    ]
    with open_dated(tmp_path, sentences, entities) as engine:
        found = engine.answer("/brief Ansarullah")
        several = engine.answer("/who Union")
    assert found.title.startswith("Jamaat Ansarullah")
    assert "Several names hold “Union”: " in several.notice
    assert "Islamic Jihad Union" in several.notice and "Eurasian Union" in several.notice


def test_a_timeline_of_words_no_name_holds_is_their_dated_excerpts(tmp_path: Path) -> None:
    sentences = [
        ("Sanctions on Oilco were lifted in 2009.", "2009"),
        ("Sanctions on Oilco were first imposed in 2003.", "2003"),
        ("Oilco opened a refinery in 2005.", "2005"),
    ]
    with open_dated(tmp_path, sentences, PEOPLE) as engine:
        reply = engine.answer("/timeline sanctions")
        none = engine.answer("/timeline ceasefire")
    assert reply.kind == "timeline" and reply.title == "Timeline: “sanctions”"
    assert [c.date for c in reply.answers] == ["2003", "2009"]
    assert none.kind == "no_answer" and "No dated fact matches “ceasefire”" in none.notice
