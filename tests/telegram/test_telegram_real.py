"""End to end with the real compiler and engine over a copy of the repo's seeds/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fake_bot_api import FakeBotApi
from tg_support import ADMIN, MEMBER, make_settings, running_bot

from bot.knowledge import Knowledge

REPO_SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TITLES = (
    "Why Central Asian Jihadists are Inspired by the US-Taliban Agreement?",
    "Russia's Waning Influence in Central Asia is Inviting Regional Actors to Fill the Vacuum",
    "Escaping a bear hug: Kazakhstan seeks closer ties to US and Europe",
)
ARTICLE = b"""<html><head><title>Site</title></head><body><nav><p>Home | World</p></nav>
<h1>Harbour authority expands the port of Aralsk</h1>
<p>The Aralsk Harbour Authority is led by Dana Serikova, who took office in March 2021.</p>
<p>Serikova said the new quay would open in 2024.</p>
<footer><p>Contact us</p></footer></body></html>"""


@pytest.fixture
def real_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO_SEEDS, seeds)
    return seeds


@pytest.fixture
async def real_bot(fake: FakeBotApi, tmp_path: Path, real_seeds: Path):
    settings = make_settings(tmp_path, fake)
    async with running_bot(settings, Knowledge(settings.seeds, settings.knowledge)) as bot:
        yield bot


async def test_real_engine_briefs_from_the_seed(fake: FakeBotApi, real_bot):
    counts = real_bot.services.knowledge.counts()
    assert counts["sources"] == 4 and counts["facts"] > 50
    start = await fake.reply(fake.private(MEMBER, "/start"), timeout=20)
    assert f"{counts['sources']} sources: {counts['facts']} facts" in start["text"]
    assert any(
        title.replace("'", "&#x27;") in start["text"] or title in start["text"]
        for title in SEED_TITLES
    )
    reply = await fake.reply(fake.private(MEMBER, "Who leads the Islamic Jihad Union?"), timeout=20)
    assert "<blockquote" in reply["text"] and "Mamatov" in reply["text"]
    brief = await fake.reply(fake.private(MEMBER, "/brief@briefbot_test_bot KIB"), timeout=20)
    assert "<blockquote" in brief["text"]
    # A button answers the question again: the real engine must give the same answer.
    buttons = [b for row in brief["reply_markup"]["inline_keyboard"] for b in row]
    excerpt = next(b["callback_data"] for b in buttons if b["text"] == "Excerpt 1")
    fake.callback(MEMBER, brief, excerpt)
    full = await fake.wait_for(
        lambda: [m for m in fake.replies_to(brief) if "(characters" in m["text"]], timeout=20
    )
    assert "<blockquote" in full[0]["text"]
    assert not [a for a in fake.callback_answers if a.get("show_alert")]
    nothing = await fake.reply(fake.private(MEMBER, "What is the GDP of Kazakhstan?"), timeout=20)
    assert nothing["text"]


async def test_real_reload_and_upload(fake: FakeBotApi, tmp_path, real_bot):
    version = real_bot.services.knowledge.version
    (tmp_path / "seeds" / "latin.txt").write_bytes(
        "Caf\xe9 notes\n\nUne ligne de texte ici.\n".encode("latin-1")
    )
    refused = await fake.reply(fake.private(ADMIN, "/reload"), timeout=30)
    assert "Reload refused; the previous fact base keeps serving." in refused["text"]
    assert "latin.txt" in refused["text"]
    assert real_bot.services.knowledge.version == version
    (tmp_path / "seeds" / "latin.txt").unlink()
    uploaded = await fake.reply(fake.document(ADMIN, "aralsk port.html", ARTICLE), timeout=30)
    assert "Saved aralsk_port.txt." in uploaded["text"]
    assert "Sources: +1 added" in uploaded["text"]
    assert real_bot.services.knowledge.version != version
    answer = await fake.reply(
        fake.private(MEMBER, "Who leads the Aralsk Harbour Authority?"), timeout=20
    )
    assert "Dana Serikova" in answer["text"]
    assert "Harbour authority expands the port of Aralsk" in answer["text"]
