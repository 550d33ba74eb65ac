"""Admins: /reload (good, broken, concurrent), /stats, and documents sent to the bot."""

from __future__ import annotations

import asyncio
import errno
import os
import time
from pathlib import Path

from fake_bot_api import FakeBotApi
from mini import BROKEN
from tg_support import ADMIN, MEMBER, RED, TEAM_CHAT, make_settings, running_bot

from bot import factbase
from bot.telegram import ingest

HTML_PAGE = b"""<!doctype html><html><head><title>Green Party news | Example Site</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><header><nav><ul><li>Home</li><li>Politics</li></ul></nav></header>
<article><h1>Green Party profile</h1>
<p>The Green Party is chaired by Lena Moss.</p>
<p>It campaigns across the <b>eastern</b> valleys &amp; coasts.</p></article>
<aside><p>Trending: something unrelated</p></aside>
<footer><p>Copyright</p></footer></body></html>"""


async def test_reload_reports_what_changed(fake: FakeBotApi, tmp_path, bot):
    (tmp_path / "seeds" / "red.txt").write_text(RED, encoding="utf-8")
    reply = await fake.reply(fake.private(ADMIN, "/reload"))
    assert "Reloaded" in reply["text"]
    assert "Sources: +1 added, −0 removed, ~0 changed" in reply["text"]
    assert "Facts: +1 added" in reply["text"]
    assert "added: Red Front notes" in reply["text"]
    answer = await fake.reply(fake.private(MEMBER, "What was the Crimson League?"))
    assert "formerly called the Crimson League" in answer["text"]


async def test_broken_document_leaves_the_old_base_serving(fake: FakeBotApi, tmp_path, bot):
    (tmp_path / "seeds" / "bad.txt").write_text(f"Bad\n{BROKEN}\n", encoding="utf-8")
    version = bot.services.knowledge.version
    reply = await fake.reply(fake.private(ADMIN, "/reload"))
    assert "Reload refused; the previous fact base keeps serving." in reply["text"]
    assert "bad.txt: cannot be compiled (line 1)" in reply["text"]
    assert bot.services.knowledge.version == version
    answer = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
    assert "Ada Stone" in answer["text"]


async def test_only_admins_reload_and_see_stats(fake: FakeBotApi, bot):
    for command in ("/reload", "/stats"):
        reply = await fake.reply(fake.private(MEMBER, command))
        assert reply["text"] == "Only admins can do that."


async def test_concurrent_reloads_are_serialized_and_questions_keep_flowing(
    fake: FakeBotApi, tmp_path, bot
):
    knowledge = bot.services.knowledge
    compile_folder = knowledge._compile
    active = 0
    overlaps = []

    def slow_compile(*args, **kwargs):
        nonlocal active
        active += 1
        overlaps.append(active)
        time.sleep(0.3)
        try:
            return compile_folder(*args, **kwargs)
        finally:
            active -= 1

    knowledge._compile = slow_compile
    reloads = [fake.private(ADMIN, "/reload") for _ in range(3)]
    question = fake.private(MEMBER, "Who leads the Blue Union?")
    answer = await fake.reply(question)
    assert "Ada Stone" in answer["text"]
    assert fake.replies_to(reloads[-1]) == []  # answered while reloads were still queued
    replies = [await fake.reply(r, timeout=10) for r in reloads]
    assert all("Reloaded" in r["text"] for r in replies)
    assert max(overlaps) == 1


async def test_stats_for_admins(fake: FakeBotApi, bot):
    await fake.reply(fake.private(MEMBER, "What about the northern provinces?"))
    await fake.reply(fake.private(MEMBER, "What is the GDP of Atlantis?"))
    reply = await fake.reply(fake.private(ADMIN, "/stats"))
    assert "Questions: 2 (2 in the last 24 h) from 1 people" in reply["text"]
    assert "Unanswered: 1" in reply["text"]
    rows = bot.services.audit.rows()
    asked = [r for r in rows if r["event"] == "question"]
    assert (
        asked[0]["user_id"] == MEMBER.id
        and asked[0]["text"] == "What about the northern provinces?"
    )
    assert asked[0]["fact_ids"] == '["blue-3"]'
    assert asked[0]["reply_kind"] == "answer" and asked[0]["elapsed_ms"] >= 0


async def test_uploaded_text_document_is_compiled_and_answered(fake: FakeBotApi, tmp_path, bot):
    sent = fake.document(ADMIN, "Red Front.txt", RED.encode())
    reply = await fake.reply(sent)
    assert "Saved Red_Front.txt." in reply["text"]
    assert "Sources: +1 added" in reply["text"]
    assert (tmp_path / "seeds" / "Red_Front.txt").read_text(encoding="utf-8") == RED
    answer = await fake.reply(fake.private(MEMBER, "Crimson League?"))
    assert "formerly called the Crimson League" in answer["text"]


async def test_uploaded_html_is_reduced_to_article_text(fake: FakeBotApi, tmp_path, bot):
    reply = await fake.reply(fake.document(ADMIN, "green.html", HTML_PAGE))
    assert "Saved green.txt." in reply["text"]
    text = (tmp_path / "seeds" / "green.txt").read_text(encoding="utf-8")
    assert text == (
        "Green Party profile\n\nThe Green Party is chaired by Lena Moss.\n\n"
        "It campaigns across the eastern valleys & coasts.\n"
    )
    answer = await fake.reply(fake.private(MEMBER, "who chairs the Green Party?"))
    assert "Lena Moss" in answer["text"]


async def test_upload_refusals(fake: FakeBotApi, tmp_path, bot):
    too_big = fake.document(ADMIN, "big.txt", b"x", declared_size=10_000_000)
    assert (
        "Document refused: the document is 10,000,000 bytes" in (await fake.reply(too_big))["text"]
    )
    bad_type = fake.document(ADMIN, "tool.exe", b"MZ")
    assert "only .txt, .md and .html" in (await fake.reply(bad_type))["text"]
    escape = fake.document(ADMIN, "../../etc/passwd.txt", b"Title\nA line.\n")
    reply = await fake.reply(escape)
    assert "Saved passwd.txt." in reply["text"]
    assert (tmp_path / "seeds" / "passwd.txt").is_file()
    binary = fake.document(ADMIN, "blob.txt", b"\x00\x01\x02")
    assert "binary" in (await fake.reply(binary))["text"]
    latin = fake.document(ADMIN, "latin.txt", "Caf\xe9 notes\nUne ligne.\n".encode("latin-1"))
    assert "not UTF-8" in (await fake.reply(latin))["text"]
    member = fake.document(MEMBER, "red.txt", RED.encode())
    assert (await fake.reply(member))["text"] == "Only admins can do that."


async def test_duplicate_upload_is_saved_under_a_new_name_or_recognised(
    fake: FakeBotApi, tmp_path, bot
):
    same = fake.document(ADMIN, "blue.txt", (tmp_path / "seeds" / "blue.txt").read_bytes())
    assert "blue.txt is already in the seeds; nothing to do." in (await fake.reply(same))["text"]
    different = fake.document(ADMIN, "blue.txt", RED.encode())
    reply = await fake.reply(different)
    assert "saved as blue-2.txt" in reply["text"]
    assert (tmp_path / "seeds" / "blue.txt").read_text(encoding="utf-8").startswith("Blue Union")


async def test_upload_that_fails_to_compile_is_quarantined(fake: FakeBotApi, tmp_path, bot):
    version = bot.services.knowledge.version
    reply = await fake.reply(fake.document(ADMIN, "bad.md", f"Bad\n{BROKEN}\n".encode()))
    assert "quarantined" in reply["text"] and "bad.md: cannot be compiled" in reply["text"]
    assert not (tmp_path / "seeds" / "bad.md").exists()
    assert (tmp_path / "knowledge" / "quarantine" / "bad.md").is_file()
    assert bot.services.knowledge.version == version
    # The seeds compile again, so the next reload works.
    assert "Reloaded" in (await fake.reply(fake.private(ADMIN, "/reload")))["text"]


async def test_admin_menu_is_set_for_known_admins(fake: FakeBotApi, tmp_path, seeds):
    fake.chats[ADMIN.id] = {"id": ADMIN.id, "type": "private", "first_name": "Boris"}
    async with running_bot(make_settings(tmp_path, fake)):
        scoped = [c for c in fake.commands if (c.get("scope") or {}).get("type") == "chat"]
        assert scoped and scoped[0]["scope"]["chat_id"] == ADMIN.id
        assert {"reload", "stats"} <= {c["command"] for c in scoped[0]["commands"]}
        await asyncio.sleep(0)


async def test_admin_reloads_from_the_team_group(fake: FakeBotApi, bot):
    reply = await fake.reply(fake.group(ADMIN, "/reload@briefbot_test_bot", chat_id=TEAM_CHAT))
    assert "Reloaded" in reply["text"] and "Nothing changed." in reply["text"]
    member = await fake.reply(fake.group(MEMBER, "/stats@briefbot_test_bot", chat_id=TEAM_CHAT))
    assert member["text"] == "Only admins can do that."


async def test_concurrent_uploads_each_reload_their_own_document(fake: FakeBotApi, tmp_path, bot):
    knowledge = bot.services.knowledge
    compile_folder = knowledge._compile

    def slow_compile(*args, **kwargs):
        time.sleep(0.3)  # the second upload arrives while the first one compiles
        return compile_folder(*args, **kwargs)

    knowledge._compile = slow_compile
    good = fake.document(ADMIN, "red.txt", RED.encode())
    bad = fake.document(ADMIN, "bad.txt", f"Bad\n{BROKEN}\n".encode())
    good_reply = await fake.reply(good, timeout=10)
    bad_reply = await fake.reply(bad, timeout=10)
    assert "Reloaded" in good_reply["text"] and "Sources: +1 added" in good_reply["text"]
    assert "quarantined" in bad_reply["text"]
    answer = await fake.reply(fake.private(MEMBER, "What was the Crimson League?"))
    assert "formerly called the Crimson League" in answer["text"]


async def test_a_good_upload_is_not_blamed_for_a_broken_document_with_a_longer_name(
    fake: FakeBotApi, tmp_path, bot
):
    (tmp_path / "seeds" / "data.txt").write_text(f"Data\n{BROKEN}\n", encoding="utf-8")
    reply = await fake.reply(fake.document(ADMIN, "a.txt", RED.encode()))
    assert "Saved a.txt." in reply["text"]
    assert "quarantined" not in reply["text"]
    assert "data.txt: cannot be compiled" in reply["text"]
    assert (tmp_path / "seeds" / "a.txt").read_text(encoding="utf-8") == RED


async def test_a_second_quarantined_document_of_the_same_name_keeps_the_first(
    fake: FakeBotApi, tmp_path, bot
):
    for body in ("First bad\n", "Second bad\n"):
        reply = await fake.reply(fake.document(ADMIN, "bad.md", f"{body}{BROKEN}\n".encode()))
        assert "quarantined" in reply["text"]
    quarantine = tmp_path / "knowledge" / "quarantine"
    kept = sorted(p.read_text(encoding="utf-8").split("\n")[0] for p in quarantine.iterdir())
    assert kept == ["First bad", "Second bad"]


async def test_a_file_telegram_will_not_hand_over_is_refused_in_words(fake: FakeBotApi, bot):
    sent = fake.document(ADMIN, "red.txt", RED.encode())
    fake.files.pop(sent["document"]["file_id"])  # getFile answers 400, as for a file over 20 MB
    reply = await fake.reply(sent)
    assert reply["text"].startswith("Document refused: Telegram did not hand the file over (")


async def test_a_reload_is_not_refused_for_an_upload_that_arrives_while_it_compiles(
    fake: FakeBotApi, bot
):
    knowledge = bot.services.knowledge
    compile_folder = knowledge._compile

    def slow_compile(*args, **kwargs):
        time.sleep(0.3)
        return compile_folder(*args, **kwargs)

    knowledge._compile = slow_compile
    reload = fake.private(ADMIN, "/reload")
    await asyncio.sleep(0.1)
    upload = fake.document(ADMIN, "bad.txt", f"Bad\n{BROKEN}\n".encode())
    assert "Reloaded" in (await fake.reply(reload, timeout=10))["text"]
    assert "quarantined" in (await fake.reply(upload, timeout=10))["text"]


def read_only_volume(path: Path, *args: object, **kwargs: object) -> bool:
    """What writing on a read-only mount raises (root, who runs the tests, can write anything)."""
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))


async def test_a_reload_that_cannot_write_the_fact_base_is_refused_in_words(
    fake: FakeBotApi, tmp_path, bot, monkeypatch
):
    (tmp_path / "seeds" / "red.txt").write_text(RED, encoding="utf-8")
    version = bot.services.knowledge.version
    monkeypatch.setattr(factbase, "write_atomically", read_only_volume)
    reply = await fake.reply(fake.private(ADMIN, "/reload"))
    assert reply["text"] == (
        "Reload refused; the previous fact base keeps serving.\n"
        f"{tmp_path / 'knowledge'}: cannot write the fact base (Read-only file system)"
    )
    assert bot.services.knowledge.version == version
    assert bot.services.metrics.reloads["refused"] == 1 and bot.services.metrics.errors == 0


async def test_an_upload_the_seeds_folder_cannot_take_is_refused_in_words(
    fake: FakeBotApi, tmp_path, bot, monkeypatch
):
    monkeypatch.setattr(ingest, "_create_exclusive", read_only_volume)
    reply = await fake.reply(fake.document(ADMIN, "red.txt", RED.encode()))
    assert reply["text"] == (
        "Document refused: red.txt: cannot be saved in the seeds folder (Read-only file system)"
    )
    assert bot.services.metrics.errors == 0


async def test_a_broken_upload_that_cannot_be_quarantined_leaves_the_seeds(
    fake: FakeBotApi, tmp_path, bot
):
    (tmp_path / "knowledge" / "quarantine").write_text("a file where the folder should be")
    reply = await fake.reply(fake.document(ADMIN, "bad.md", f"Bad\n{BROKEN}\n".encode()))
    assert "could not be set aside" in reply["text"] and "removed from the seeds" in reply["text"]
    assert not (tmp_path / "seeds" / "bad.md").exists()
    # Left there, it would have had every later reload refused.
    assert "Reloaded" in (await fake.reply(fake.private(ADMIN, "/reload")))["text"]
    uploads = [row for row in bot.services.audit.rows() if row["event"] == "upload"]
    assert uploads[-1]["reply_kind"] == "removed"
