"""Fixtures for the compiler tests: the seed page, small real articles, a compiled seed base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.compiler import compile_folder
from bot.compiler.pipeline import CompileResult

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_b1e87bea9178cb10.txt"
DATA = Path(__file__).resolve().parent / "data"
SEED_TITLES = [
    "Why Central Asian Jihadists are Inspired by the US-Taliban Agreement?",
    "Russia’s Waning Influence in Central Asia is Inviting Regional Actors to Fill the Vacuum",
    "Tashkent‘s Historic Opportunity to Emerge as a Regional Leader",
    "Escaping a bear hug: Kazakhstan seeks closer ties to US and Europe",
]


@pytest.fixture(scope="session")
def seed_titles() -> list[str]:
    return SEED_TITLES


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def seed_compiled(tmp_path_factory: pytest.TempPathFactory) -> CompileResult:
    root = tmp_path_factory.mktemp("seed")
    seeds, knowledge = root / "seeds", root / "knowledge"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    return compile_folder(seeds, knowledge)


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    return folder


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    return tmp_path / "knowledge"
