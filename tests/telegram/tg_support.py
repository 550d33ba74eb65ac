"""Shared pieces of the Telegram tests: people, settings, seeds, a running bot."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fake_bot_api import FakeBotApi, User
from mini import MiniEngine, mini_compile

from bot.knowledge import Knowledge
from bot.settings import Settings
from bot.telegram.app import Tuning
from bot.telegram.runner import Bot, build_bot

MEMBER = User(1001, "Ana", "ana")
ADMIN = User(1002, "Boris", "boris")
STRANGER = User(6666, "Eve", "eve")
TEAM_CHAT = -1001
OTHER_CHAT = -2002

FAST = Tuning(
    poll_timeout=1.0,
    connect_timeout=2.0,
    read_timeout=5.0,
    write_timeout=5.0,
    pool_timeout=5.0,
    retries=5,
    backoff=0.02,
    backoff_max=0.2,
)

BLUE = """Blue Union briefing
The Blue Union is led by Ada Stone since 2019.
Ada Stone said the <union> & its allies "will not retreat".
The Blue Union operates in the northern provinces.
"""
RED = """Red Front notes
The Red Front was formerly called the Crimson League.
"""


def write_seeds(seeds: Path, **documents: str) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (seeds / name.replace("__", ".")).write_text(text, encoding="utf-8")


def make_settings(tmp_path: Path, fake: FakeBotApi, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "seeds": tmp_path / "seeds",
        "knowledge": tmp_path / "knowledge",
        "token": fake.token,
        "api_base_url": fake.base_url,
        "team": frozenset({MEMBER.id, TEAM_CHAT}),
        "admins": frozenset({ADMIN.id}),
        "port": 0,
        "audit_db": tmp_path / "audit.sqlite",
    }
    values.update(overrides)
    return Settings(**values)


def mini_knowledge(settings: Settings) -> Knowledge:
    return Knowledge(
        settings.seeds, settings.knowledge, compile_folder=mini_compile, open_engine=MiniEngine.open
    )


@contextlib.asynccontextmanager
async def running_bot(
    settings: Settings, knowledge: Knowledge | None = None, tuning: Tuning = FAST
) -> AsyncIterator[Bot]:
    knowledge = knowledge or mini_knowledge(settings)
    if not knowledge.loaded:
        knowledge.open()
    bot = build_bot(settings, tuning=tuning, knowledge=knowledge)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()
        gc.collect()  # surface unclosed sockets in the test that leaked them, not a later one
