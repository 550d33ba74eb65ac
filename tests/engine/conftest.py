"""A small hand-written fact base over tests/engine/data/seeds/coast.txt (an invented article),
so engine tests run without the compiler and every offset is true."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import factbase
from bot.engine import Engine
from bot.factbase import Entity, Fact, FactBase, Relation, Source

DATA = Path(__file__).parent / "data"
SEED_TEXT_NAME = "coast.txt"

ENTITIES = [
    Entity("fcm", "Free Coast Movement", "organization", ("FCM", "Coastal Defense League")),
    Entity("daria-olsen", "Daria Olsen", "person", ("Olsen",)),
    Entity("harbor-council", "Harbor Council", "organization", ()),
    Entity("piet-varga", "Piet Varga", "person", ("Varga",)),
    Entity("valmora", "Valmora", "place", ()),
    Entity("kessel", "Kessel", "place", ()),
    Entity("tarn", "Tarn", "place", ()),
    Entity("brell", "Brell", "place", ()),
]

# (excerpt, entity ids, date, relations)
FACTS: list[tuple[str, tuple[str, ...], str | None, tuple[Relation, ...]]] = [
    (
        "The Free Coast Movement (FCM), led by Daria Olsen, operates mainly in the provinces of "
        "Kessel and Tarn.",
        ("fcm", "daria-olsen", "kessel", "tarn"),
        None,
        (
            Relation("leader", "fcm", "Daria Olsen", "daria-olsen"),
            Relation("area", "fcm", "Kessel", "kessel"),
            Relation("area", "fcm", "Tarn", "tarn"),
        ),
    ),
    (
        "The Harbor Council designated the FCM as a terrorist organization on March 3, 2019.",
        ("harbor-council", "fcm"),
        "2019-03-03",
        (Relation("designation", "fcm", "terrorist organization", "harbor-council"),),
    ),
    (
        "The group was formerly known as the Coastal Defense League.",
        ("fcm",),
        None,
        (Relation("former_name", "fcm", "Coastal Defense League"),),
    ),
    (
        "Olsen said that “the coast will be free within a decade” at a rally in Tarn.",
        ("daria-olsen", "tarn"),
        None,
        (Relation("quote", "daria-olsen", "the coast will be free within a decade"),),
    ),
    (
        "Minister Piet Varga met Olsen in Valmora in June 2021 to discuss a ceasefire.",
        ("piet-varga", "daria-olsen", "valmora"),
        "2021-06",
        (),
    ),
    (
        "Varga, a former member of the Harbor Council, resigned in 2022.",
        ("piet-varga", "harbor-council"),
        "2022",
        (Relation("member", "piet-varga", "Harbor Council", "harbor-council"),),
    ),
    ("Valmora exports fish and timber worth 40 million euros a year.", ("valmora",), None, ()),
    ("The port of Brell doubled its fish exports after the ceasefire.", ("brell",), None, ()),
    (
        "In doing so, it overtook Valmora as the main fishing port of the coast.",
        ("brell", "valmora"),
        None,
        (),
    ),
    # The second section: facts for when/how-many/attribute questions and briefings.
    ("Olsen toured Kessel last spring.", ("daria-olsen", "kessel"), None, ()),
    (
        "During her week-long tour, she signed fifteen agreements with local councils.",
        (),  # the pronoun left unresolved, as a compiler may; the statement names her
        None,
        (),
    ),
    (
        "The Harbor Council is to reopen the port of Kessel on Saturday.",
        ("harbor-council", "kessel"),
        None,
        (),
    ),
    ("The province of Kessel, which borders on Valmora, is poor.", ("kessel", "valmora"), None, ()),
    (
        "Tarn, a province bordering on Kessel, has had its own militia since 2015.",
        ("tarn", "kessel"),
        None,
        (),
    ),
    ("Kessel attracts foreign capital from Brell investors.", ("kessel", "brell"), None, ()),
    ("The capital of Tarn is a small fishing town called Lorn.", ("tarn",), None, ()),
    ("Valmora hosted the first coast summit in August 2018.", ("valmora",), "2018-08", ()),
    ("Its founders were fishermen.", (), None, ()),
]

# Statements that differ from their excerpt: a compiler's resolved reading of a pronoun.
STATEMENTS = {
    "During her week-long tour, she signed fifteen agreements with local councils.": (
        "During her week-long tour, Daria Olsen signed fifteen agreements with local councils."
    ),
}


def build_base(text: str) -> FactBase:
    title = "Talks Resume in Valmora as the Coast Movement Splits"
    start = text.index(title)
    source = Source("coast-report", SEED_TEXT_NAME, title, start, len(text.rstrip()))
    facts = []
    for n, (excerpt, entities, date, relations) in enumerate(FACTS):
        at = text.index(excerpt)
        facts.append(
            Fact(
                f"coast-{n:03d}",
                source.id,
                at,
                at + len(excerpt),
                excerpt,
                STATEMENTS.get(excerpt, excerpt),
                entities,
                date,
                None,
                None,
                "sentence",
                relations,
            )
        )
    return FactBase([source], ENTITIES, facts)


def make_knowledge(root: Path) -> tuple[Path, Path]:
    seeds_dir = root / "seeds"
    shutil.copytree(DATA / "seeds", seeds_dir)
    knowledge_dir = root / "knowledge"
    text = (seeds_dir / SEED_TEXT_NAME).read_bytes().decode("utf-8")
    factbase.save(build_base(text), knowledge_dir, seeds_dir)
    return seeds_dir, knowledge_dir


@pytest.fixture(scope="session")
def shared_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One engine for read-only tests (and hypothesis, which reruns a test many times)."""
    seeds_dir, knowledge_dir = make_knowledge(tmp_path_factory.mktemp("shared"))
    opened = Engine.open(knowledge_dir, seeds_dir)
    yield opened
    opened.close()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(DATA / "seeds", folder)
    return folder


@pytest.fixture
def knowledge(tmp_path: Path, seeds: Path) -> Path:
    folder = tmp_path / "knowledge"
    text = (seeds / SEED_TEXT_NAME).read_bytes().decode("utf-8")
    factbase.save(build_base(text), folder, seeds)
    return folder


@pytest.fixture
def engine(knowledge: Path, seeds: Path) -> Iterator[Engine]:
    opened = Engine.open(knowledge, seeds)
    yield opened
    opened.close()
