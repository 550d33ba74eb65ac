import dataclasses
import itertools
import os
import random
from pathlib import Path

import pytest

from bot import factbase
from bot.engine import Engine, index
from bot.engine.index import INDEX_FILE, ensure_index
from bot.errors import FactBaseError


def built_at(knowledge: Path) -> int:
    return (knowledge / INDEX_FILE).stat().st_mtime_ns


def test_index_is_built_once_and_reused(knowledge: Path) -> None:
    ensure_index(knowledge)
    first = built_at(knowledge)
    ensure_index(knowledge)
    assert built_at(knowledge) == first


def test_fresh_start_does_not_parse_yaml(knowledge: Path, seeds: Path, monkeypatch) -> None:
    Engine.open(knowledge, seeds).close()

    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed facts.yaml although the index is fresh")

    monkeypatch.setattr(factbase, "load", refuse)
    monkeypatch.setattr(factbase, "from_yaml", refuse)
    engine = Engine.open(knowledge, seeds)
    assert engine.answer("Who leads the FCM?").answered
    engine.close()


def test_index_is_rebuilt_when_facts_change(knowledge: Path, seeds: Path) -> None:
    engine = Engine.open(knowledge, seeds)
    old_version = engine.version
    engine.close()
    base = factbase.load(knowledge)
    base.facts = base.facts[:3]
    factbase.save(base, knowledge, seeds)
    engine = Engine.open(knowledge, seeds)
    assert engine.counts()["facts"] == 3
    assert engine.version != old_version
    engine.close()


def test_same_content_new_mtime_is_not_rebuilt(knowledge: Path) -> None:
    _, digest = ensure_index(knowledge)
    first = (knowledge / INDEX_FILE).stat().st_ino, built_at(knowledge)
    facts = knowledge / factbase.FACTS_FILE
    os.utime(facts, ns=(1_000_000_000, 1_000_000_000))
    _, again = ensure_index(knowledge)
    assert again == digest
    assert (knowledge / INDEX_FILE).stat().st_ino == first[0]  # updated in place, not replaced


def test_stale_format_or_corrupt_index_is_rebuilt(knowledge: Path, seeds: Path) -> None:
    (knowledge / INDEX_FILE).write_bytes(b"not a database")
    engine = Engine.open(knowledge, seeds)
    assert engine.counts()["facts"] == 18
    engine.close()


def test_missing_fact_base_says_to_compile(tmp_path: Path) -> None:
    with pytest.raises(FactBaseError, match="briefbot compile"):
        Engine.open(tmp_path)


def test_empty_fact_base_answers_politely(tmp_path: Path) -> None:
    factbase.save(factbase.FactBase(), tmp_path, tmp_path)
    engine = Engine.open(tmp_path, tmp_path)
    assert engine.answer("Who leads anything?").kind == "no_answer"
    assert engine.answer("/brief x").kind == "no_answer"
    assert engine.answer("/sources").kind == "sources"
    assert engine.answer("/timeline").kind == "no_answer"
    assert engine.answer("/help").kind == "help"
    engine.close()


def test_read_only_knowledge_folder_indexes_elsewhere(
    knowledge: Path, seeds: Path, monkeypatch
) -> None:
    (knowledge / INDEX_FILE).unlink(missing_ok=True)
    real_access = os.access

    def read_only(path, mode, *args, **kwargs):  # the suite may run as root, so simulate
        if Path(path) == knowledge and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", read_only)
    engine = Engine.open(knowledge, seeds)
    assert engine.answer("Who leads the FCM?").answered
    assert not (knowledge / INDEX_FILE).exists()
    engine.close()


def test_index_from_other_word_keys_is_rebuilt(knowledge: Path, monkeypatch) -> None:
    ensure_index(knowledge)
    first = (knowledge / INDEX_FILE).stat().st_ino
    monkeypatch.setattr(index, "INDEX_FORMAT", index.INDEX_FORMAT + "-changed")
    ensure_index(knowledge)
    assert (knowledge / INDEX_FILE).stat().st_ino != first


def test_a_chain_of_leaning_sentences_stands_for_what_it_started_from() -> None:
    def fact(n: int, excerpt: str, *entities: str) -> factbase.Fact:
        return factbase.Fact(
            f"f{n}", "s", n * 100, n * 100 + len(excerpt), excerpt, excerpt, entities
        )

    facts = [
        fact(0, "Comedy Meet the Fockers held on to the top spot.", "meet-the-fockers"),
        fact(1, "It took $42.8m at the weekend."),
        fact(2, "It took $19.1m on Christmas Day alone.", "christmas-day"),
        fact(3, "The sequel stars Robert De Niro.", "robert-de-niro"),
        fact(4, "Critics were unimpressed by Christmas sales.", "christmas-day"),
    ]
    assert index._antecedents(facts) == [
        (),
        ("meet-the-fockers",),
        ("meet-the-fockers",),
        ("christmas-day", "meet-the-fockers"),
        (),  # names its own subject: leans on nothing
    ]


def test_an_unnamed_speaker_stands_only_for_a_person_or_an_organization() -> None:
    def fact(n: int, excerpt: str, *entities: str) -> factbase.Fact:
        return factbase.Fact(
            f"f{n}", "s", n * 100, n * 100 + len(excerpt), excerpt, excerpt, entities
        )

    facts = [
        fact(0, "Coach Ivo Tarr praised the win in Ostria.", "ivo-tarr", "ostria"),
        fact(1, '"What a perfect night for the whole team and fans," he said.'),
        fact(2, '"Ostria was the toughest trip.', "ostria"),
        fact(3, "I'm going to open schools in Velor.", "velor"),
    ]
    kinds = {"ivo-tarr": "person", "ostria": "place", "velor": "place"}
    assert index._antecedents(facts, kinds) == [(), ("ivo-tarr",), ("ivo-tarr",), ("ivo-tarr",)]


def _words_base(texts: list[str]) -> factbase.FactBase:
    facts = [
        factbase.Fact(f"f{n}", "s", n * 100, n * 100 + len(t), t, t, ())
        for n, t in enumerate(texts)
    ]
    return factbase.FactBase(sources=[factbase.Source("s", "s.txt", "S", 0, 100_000)], facts=facts)


def _ranked_by_fts5(idx: index.Index, terms: list[str], limit: int, joiner: str) -> list:
    match = joiner.join(f'"{t}"' for t in terms)
    return [
        (rowid, -score)
        for rowid, score in idx.rows(
            "SELECT rowid, bm25(facts_fts) FROM facts_fts WHERE facts_fts MATCH ? "
            "ORDER BY rank LIMIT ?",
            (match, limit),
        )
    ]


def _index_of(base: factbase.FactBase, tmp_path: Path) -> index.Index:
    path = tmp_path / INDEX_FILE
    index.build_index(base, path, index.Stamp(0, 0, "x"))
    return index.Index(path)


def test_search_ranks_as_fts5_bm25_does_without_calling_it(tmp_path: Path) -> None:
    """bm25() rescans every term's postings and looks up every match's size; the index
    keeps both, and the ranking must stay FTS5's to the last float and tie."""
    rng = random.Random(4)
    vocabulary = [
        f"{w}word" for w in ["amber", "basalt", "cobalt", "dune", "ember", "flint", "garnet"]
    ]
    texts = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 9))) for _ in range(400)]
    idx = _index_of(_words_base(texts), tmp_path)
    statements: list[str] = []
    idx.conn.set_trace_callback(statements.append)
    for size in (1, 2, 3):
        for terms in itertools.combinations([index.key(w) for w in vocabulary], size):
            for limit in (1, 7, 50, 1000):
                for every in (False, True):
                    statements.clear()
                    found = idx.search(terms, limit, every=every)
                    assert not any("bm25(" in s for s in statements)
                    # facts holding any term: the stored lists, not FTS5's row by row
                    assert every or not any("MATCH" in s for s in statements)
                    expected = _ranked_by_fts5(
                        idx, list(terms), limit, " AND " if every else " OR "
                    )
                    assert found == expected, (terms, limit, every)


def test_keys_fts5_reads_otherwise_are_ranked_by_fts5(tmp_path: Path) -> None:
    """New Tai Lue's vowel signs are letters to the word keys and separators to FTS5's
    tokenizer ("ᦵᦆᦲᧂ" is one key, three tokens): the index cannot stand in for bm25()
    there, and searches rank in FTS5 as ever."""
    texts = ["The ᦵᦆᦲᧂ market opened in spring", "The market opened", "Spring came early"]
    idx = _index_of(_words_base(texts), tmp_path)
    assert idx._bm25 is None
    for terms in (["open", "spr"], ["marke"], ["open"]):
        assert idx.search(terms, 10) == _ranked_by_fts5(idx, terms, 10, " OR ")
        assert idx.search(terms, 10, every=True) == _ranked_by_fts5(idx, terms, 10, " AND ")


def test_a_message_of_keywords_is_read_for_names_once(engine: Engine, monkeypatch) -> None:
    """Read for a bare name, then ranked: the same text, and one lookup of its names."""
    texts: list[str] = []
    find = engine.names.find

    def counted(text: str, known=None):
        if known is not None:
            texts.append(text)
        return find(text, known)

    monkeypatch.setattr(engine.names, "find", counted)
    reply = engine.answer("FCM leader")
    assert texts == ["FCM leader"]
    assert reply.answered


def test_a_statement_is_stored_only_where_it_differs_from_its_excerpt(tmp_path: Path) -> None:
    base = _words_base(["Erdogan visited Tashkent in May", "He concluded ten deals there"])
    base.facts[1] = dataclasses.replace(
        base.facts[1], statement="Erdogan concluded ten deals in Uzbekistan"
    )
    idx = _index_of(base, tmp_path)
    assert idx.rows("SELECT statement FROM facts ORDER BY rowid") == [
        (None,),
        ("Erdogan concluded ten deals in Uzbekistan",),
    ]
    first, second = idx.facts([1, 2])
    assert first.statement == "Erdogan visited Tashkent in May"
    assert second.statement == "Erdogan concluded ten deals in Uzbekistan"
