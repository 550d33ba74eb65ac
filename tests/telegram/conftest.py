from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fake_bot_api import FakeBotApi
from tg_support import BLUE, make_settings, running_bot, write_seeds

from bot.telegram.runner import Bot


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = await FakeBotApi().start()
    yield api
    await api.stop()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    write_seeds(tmp_path / "seeds", blue__txt=BLUE)
    return tmp_path / "seeds"


@pytest.fixture
async def bot(fake: FakeBotApi, tmp_path: Path, seeds: Path) -> AsyncIterator[Bot]:
    async with running_bot(make_settings(tmp_path, fake)) as running:
        yield running
