"""The fact base contract: YAML round-trips exactly, validation names every problem."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import factbase as fb
from bot.errors import FactBaseError, ValidationError

TEXT = st.text(min_size=1, max_size=80)


def _base(path: str, title: str, excerpt: str, aliases: list[str]) -> fb.FactBase:
    return fb.FactBase(
        sources=[fb.Source(id="s", path=path, title=title, start=0, end=len(excerpt))],
        entities=[fb.Entity(id="e", name=title, kind="person", aliases=tuple(aliases))],
        facts=[
            fb.Fact(
                id="f",
                source="s",
                start=0,
                end=len(excerpt),
                excerpt=excerpt,
                statement=title,
                entities=("e",),
                date="2020-02",
                relations=(fb.Relation(type="quote", subject="e", value=excerpt),),
            )
        ],
    )


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT, TEXT, st.lists(TEXT, max_size=3))
def test_yaml_round_trips_any_text(path, title, excerpt, aliases):
    # The writer is hand-rolled for speed; the C loader must read back exactly what it wrote.
    base = _base(path, title, excerpt, aliases)
    back = fb.from_yaml(fb.to_yaml(base))
    assert (back.sources, back.entities, back.facts) == (base.sources, base.entities, base.facts)


@pytest.mark.parametrize(
    "text", ["DEL \x7f here", "C1 \x85 and \x9f", "line\u2028separator", "ünïcödé", "yes", "a-b"]
)
def test_a_statement_that_is_its_excerpt_round_trips_and_is_written_printable(text):
    base = _base("p.txt", text, text, [])
    written = fb.to_yaml(base)
    assert not {"\x7f", "\x85", "\x9f", "\u2028"} & set(written)
    back = fb.from_yaml(written)
    assert back.facts[0].excerpt == back.facts[0].statement == text


@pytest.mark.parametrize("schema", ["schema: 99\n", "schema: '1'\n", ""])
def test_a_base_of_another_or_no_schema_is_refused_with_what_to_do(schema):
    # A future or foreign base would otherwise load with its fields misread and answer wrongly.
    with pytest.raises(FactBaseError, match="briefbot compile"):
        fb.from_yaml(schema + "sources: []\nentities: []\nfacts: []\n")


def test_save_refuses_a_base_whose_excerpt_drifted(tmp_path: Path):
    seeds, knowledge = tmp_path / "seeds", tmp_path / "knowledge"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Alpha beta.\n", encoding="utf-8")
    good = _base("a.txt", "Alpha", "Alpha beta.", [])
    fb.save(good, knowledge, seeds)
    before = (knowledge / fb.FACTS_FILE).read_bytes()

    bad = _base("a.txt", "Alpha", "Alpha gamma", [])
    with pytest.raises(ValidationError, match="excerpt differs"):
        fb.save(bad, knowledge, seeds)
    assert (knowledge / fb.FACTS_FILE).read_bytes() == before


def test_validate_names_dangling_ids_and_bad_dates(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Alpha beta.", encoding="utf-8")
    base = _base("a.txt", "Alpha", "Alpha beta.", [])
    broken = fb.Fact(**{**_fact_fields(base.facts[0]), "entities": ("ghost",), "date": "Feb 2020"})
    problems = fb.validate(fb.FactBase(base.sources, base.entities, [broken]), tmp_path)
    assert any("unknown entity 'ghost'" in p for p in problems)
    assert any("'Feb 2020'" in p for p in problems)


def _fact_fields(fact: fb.Fact) -> dict:
    return {name: getattr(fact, name) for name in fb.Fact.__dataclass_fields__}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"excerpt": "Alpha gamma"}, "excerpt differs"),
        ({"statement": " \t"}, "empty statement"),
        ({"statement": ""}, "empty statement"),
        ({"entities": ("e", "ghost")}, "unknown entity 'ghost'"),
        ({"date": "Feb 2020"}, "'Feb 2020'"),
        ({}, None),
    ],
)
def test_a_fact_without_relations_is_checked_as_thoroughly(tmp_path: Path, change, problem):
    (tmp_path / "a.txt").write_text("Alpha beta.", encoding="utf-8")
    base = _base("a.txt", "Alpha", "Alpha beta.", [])
    fact = fb.Fact(**{**_fact_fields(base.facts[0]), "relations": (), **change})
    problems = fb.validate(fb.FactBase(base.sources, base.entities, [fact]), tmp_path)
    assert [p for p in problems if problem and problem in p] == problems
    assert bool(problems) == bool(problem)


@pytest.mark.parametrize("relations", [(), None], ids=["plain", "with relations"])
@pytest.mark.parametrize(
    ("text", "source_span", "offsets"),
    [
        ("Alpha beta. Alpha beta.", (12, 23), (-11, 23)),  # slices the right words from the end
        ("Alpha beta. Alpha beta.", (0, 11), (12, 23)),  # the right words, in another article
    ],
    ids=["negative start", "outside its article"],
)
def test_a_fact_must_lie_inside_its_source_span(tmp_path, relations, text, source_span, offsets):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    base = _base("a.txt", "Alpha", "Alpha beta.", [])
    source = fb.Source(
        id="s", path="a.txt", title="Alpha", start=source_span[0], end=source_span[1]
    )
    fields = {**_fact_fields(base.facts[0]), "start": offsets[0], "end": offsets[1]}
    if relations is not None:
        fields["relations"] = relations
    problems = fb.validate(fb.FactBase([source], base.entities, [fb.Fact(**fields)]), tmp_path)
    where, span = "a.txt[{}:{}]".format(*offsets), "{}:{}".format(*source_span)
    assert problems == [f"fact f: {where} lies outside its source's span {span}"]


def test_validation_names_each_duplicate_id_once(tmp_path):
    base = _base("a.txt", "Title", "Some words here.", [])
    (tmp_path / "a.txt").write_text("Some words here.", encoding="utf-8")
    assert fb.validate(base, tmp_path) == []
    base.facts += [base.facts[0], base.facts[0]]
    base.entities.append(base.entities[0])
    assert fb.validate(base, tmp_path) == ["duplicate entity id 'e'", "duplicate fact id 'f'"]
    assert fb.validate(base, tmp_path, unlisted_fact_ids=["g", "f"]) == [
        "duplicate entity id 'e'",
        "duplicate fact id 'f'",
    ]


def test_unlisted_fact_ids_are_checked_for_duplicates_with_the_listed_ones(tmp_path):
    base = _base("a.txt", "Title", "Some words here.", [])
    (tmp_path / "a.txt").write_text("Some words here.", encoding="utf-8")
    assert fb.validate(base, tmp_path, unlisted_fact_ids=["g", "h"]) == []
    assert fb.validate(base, tmp_path, unlisted_fact_ids=["g", "f"]) == ["duplicate fact id 'f'"]
    assert fb.validate(base, tmp_path, unlisted_fact_ids=["g", "g"]) == ["duplicate fact id 'g'"]


def test_a_fact_row_round_trips_and_renders_as_its_fact():
    fact = _base("a.txt", "Title", "Some words here.", [])
    fact = fb.Fact(**{**_fact_fields(fact.facts[0]), "section": "Home", "kind": "quote"})
    plain = fb.Fact(**{**_fact_fields(fact), "relations": ()})
    for each in (fact, plain):
        row = fb.fact_row(each)
        assert fb.fact_from_row(row) == each
        assert fb.render_fact_rows([row]) == fb.render_facts([each])


@pytest.mark.parametrize(
    "change",
    [
        {"excerpt": "Alpha gamma"},
        {"statement": " "},
        {"entities": ("e", "ghost")},
        {"date": "Feb 2020"},
        {"source": "nowhere"},
        {"relations": (fb.Relation("quote", "ghost", "x"), fb.Relation("bogus", "e", "x"))},
        {},
    ],
)
def test_facts_given_as_rows_are_checked_as_facts_are(tmp_path: Path, change):
    (tmp_path / "a.txt").write_text("Alpha beta.", encoding="utf-8")
    base = _base("a.txt", "Alpha", "Alpha beta.", [])
    # validation clears a plain fact at a glance once it has seen its date: the good fact's
    plain = {**_fact_fields(base.facts[0]), "relations": ()}
    good = fb.Fact(**{**plain, "id": "g"})
    bad = fb.Fact(**{**plain, **change})
    facts = [good, bad, fb.Fact(**{**_fact_fields(bad), "id": "h"})]  # a problem twice
    as_facts = fb.validate(fb.FactBase(base.sources, base.entities, facts), tmp_path)
    as_rows = fb.validate(
        fb.FactBase(base.sources, base.entities), tmp_path, fact_rows=list(map(fb.fact_row, facts))
    )
    assert as_rows == as_facts
    assert len(as_facts) == (0 if not change else 2 * len(change.get("relations", "x")))


def test_ids_of_facts_given_as_rows_are_checked_for_duplicates(tmp_path: Path):
    base = _base("a.txt", "Title", "Some words here.", [])
    (tmp_path / "a.txt").write_text("Some words here.", encoding="utf-8")
    rows = [fb.fact_row(base.facts[0])]
    assert fb.validate(base, tmp_path, fact_rows=rows) == ["duplicate fact id 'f'"]


def test_the_quoting_memo_stays_bounded_and_renders_the_same(monkeypatch):
    base = _base("a.txt", "Title", "Some words here.", [])
    many = [
        fb.Fact(**{**_fact_fields(base.facts[0]), "id": f"f{n}", "entities": (f"e {n}", "true")})
        for n in range(50)
    ]
    expected = fb.render_facts(many)
    monkeypatch.setattr(fb, "MEMO_SIZE", 10)
    fb._QUOTED.clear()
    assert fb.render_facts(many) == expected
    assert 0 < len(fb._QUOTED) <= 10
    assert '"e 7", "true"' in expected
