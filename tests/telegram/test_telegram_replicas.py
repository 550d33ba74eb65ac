"""Replicas on one shared folder: a reload on one reaches the others; buttons work anywhere."""

from __future__ import annotations

import logging

import aiohttp
from fake_bot_api import FakeBotApi
from mini import MiniEngine
from tg_support import BLUE, MEMBER, RED, make_settings, mini_knowledge, running_bot, write_seeds

from bot import factbase


def two_replicas(tmp_path):
    write_seeds(tmp_path / "seeds", blue__txt=BLUE)
    settings = make_settings(tmp_path, FakeBotApi())
    first, second = mini_knowledge(settings), mini_knowledge(settings)
    assert first.reload().ok
    second.open()
    return first, second


def test_a_reload_on_one_replica_reaches_the_other_on_refresh(tmp_path):
    first, second = two_replicas(tmp_path)
    retired = []
    second.on_retire = retired.append
    assert second.refresh_if_changed() is None  # nothing changed: one stat, no new engine
    old = second.engine
    (tmp_path / "seeds" / "red.txt").write_text(RED, encoding="utf-8")
    assert first.reload().ok
    assert second.version != first.version
    assert second.refresh_if_changed() == first.version
    assert second.version == first.version
    assert "Crimson League" in second.answer("Crimson League").answers[0].excerpt
    assert retired == [old]  # the replaced engine is handed over to be closed
    assert second.refresh_if_changed() is None
    assert first.refresh_if_changed() is None  # its own reload is not picked up a second time


def test_the_same_bytes_rewritten_open_no_new_engine(tmp_path):
    _, second = two_replicas(tmp_path)
    facts = tmp_path / "knowledge" / factbase.FACTS_FILE
    engine = second.engine
    facts.write_bytes(facts.read_bytes())  # a new mtime, the same content
    assert second.refresh_if_changed() is None
    assert second.engine is engine


def test_a_corrupt_fact_base_leaves_the_old_engine_serving(tmp_path, caplog):
    first, second = two_replicas(tmp_path)
    version = second.version
    facts = tmp_path / "knowledge" / factbase.FACTS_FILE
    facts.write_text("schema: 1\nfacts: [unclosed\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="briefbot.knowledge"):
        for _ in range(3):
            assert second.refresh_if_changed() is None
    assert second.version == version
    assert "Ada Stone" in second.answer("Ada Stone").answers[0].excerpt
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "still serving" in warnings[0].getMessage()
    # Once a good base is saved again, the replica takes it.
    (tmp_path / "seeds" / "red.txt").write_text(RED, encoding="utf-8")
    assert first.reload().ok
    assert second.refresh_if_changed() == first.version


def test_a_missing_fact_base_changes_nothing(tmp_path):
    _, second = two_replicas(tmp_path)
    (tmp_path / "knowledge" / factbase.FACTS_FILE).unlink()
    assert second.refresh_if_changed() is None
    assert second.loaded


async def test_a_running_bot_serves_what_another_replica_saved(fake: FakeBotApi, tmp_path):
    write_seeds(tmp_path / "seeds", blue__txt=BLUE)
    settings = make_settings(tmp_path, fake, watch_seconds=0.05)
    other = mini_knowledge(settings)
    async with running_bot(settings) as bot:
        old = bot.services.knowledge.engine
        (tmp_path / "seeds" / "red.txt").write_text(RED, encoding="utf-8")
        assert other.reload().ok
        await fake.wait_for(lambda: bot.services.knowledge.version == other.version)
        assert isinstance(old, MiniEngine)
        await fake.wait_for(lambda: old.closed)  # closed on the engine thread
        async with aiohttp.ClientSession() as http:
            health = await (await http.get(f"http://127.0.0.1:{bot.port}/healthz")).json()
            metrics = await (await http.get(f"http://127.0.0.1:{bot.port}/metrics")).text()
        assert health["version"] == other.version and health["replica"]
        assert 'briefbot_reloads_total{result="picked_up"} 1' in metrics
        answer = await fake.reply(fake.private(MEMBER, "Crimson League"))
        assert "Crimson League" in answer["text"]
    assert bot.watcher is None  # stopped with the application


async def test_a_button_drawn_by_one_instance_works_on_another(fake: FakeBotApi, tmp_path):
    long_line = "The Blue Union report paragraph number {} says " + "a lot of things " * 40
    lines = "\n".join(long_line.format(i) + "." for i in range(12))
    write_seeds(tmp_path / "seeds", blue__txt=BLUE, long__txt=f"Long report\n{lines}\n")
    settings = make_settings(tmp_path, fake)
    async with running_bot(settings) as first_bot:
        first = await fake.reply(fake.private(MEMBER, "/everything"))
        drawn_by = first_bot.application
    keyboard = first["reply_markup"]["inline_keyboard"]
    more = next(b["callback_data"] for b in keyboard[0] if b["text"] == "More ›")
    excerpt = next(b["callback_data"] for row in keyboard for b in row if b["text"] == "Excerpt 2")
    async with running_bot(settings, mini_knowledge(settings)) as second_bot:
        assert second_bot.application is not drawn_by
        fake.callback(MEMBER, first, more)
        edit = await fake.wait_for(lambda: fake.edits)
        assert edit[0]["message_id"] == first["message_id"] and "2/" in str(edit[0]["reply_markup"])
        fake.callback(MEMBER, first, excerpt)
        full = await fake.wait_for(
            lambda: [m for m in fake.sent_to(MEMBER.id) if "(characters" in m["text"]]
        )
        assert full[0]["reply_to_message_id"] == first["message_id"]
    assert not [a for a in fake.callback_answers if a.get("show_alert")]


def test_a_replica_started_without_a_fact_base_loads_the_first_one_saved(tmp_path):
    write_seeds(tmp_path / "seeds", blue__txt=BLUE)
    settings = make_settings(tmp_path, FakeBotApi())
    first, second = mini_knowledge(settings), mini_knowledge(settings)
    assert second.refresh_if_changed() is None and not second.loaded
    assert first.reload().ok
    assert second.refresh_if_changed() == first.version
    assert second.loaded
