import os
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
