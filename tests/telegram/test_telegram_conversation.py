"""Team members, strangers and admins talking to the real Application over the fake Bot API."""

from __future__ import annotations

import re

from fake_bot_api import FakeBotApi
from tg_support import (
    ADMIN,
    MEMBER,
    OTHER_CHAT,
    RED,
    STRANGER,
    TEAM_CHAT,
    make_settings,
    running_bot,
    write_seeds,
)


async def test_member_question_gets_quoted_excerpt_with_source(fake: FakeBotApi, bot):
    asked = fake.private(MEMBER, "Who leads the Blue Union?")
    reply = await fake.reply(asked)
    assert reply["parse_mode"] == "HTML"
    assert (
        "<blockquote>The Blue Union is led by Ada Stone since 2019.</blockquote>" in reply["text"]
    )
    assert "<i>Blue Union briefing</i>" in reply["text"]
    buttons = [b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert any(data.startswith("x:") for data in buttons)


async def test_document_text_is_escaped(fake: FakeBotApi, bot):
    reply = await fake.reply(fake.private(MEMBER, "what did Ada say about allies?"))
    assert "the &lt;union&gt; &amp; its allies &quot;will not retreat&quot;" in reply["text"]


async def test_start_and_help_say_what_the_bot_knows(fake: FakeBotApi, bot):
    for command in ("/start", "/help"):
        reply = await fake.reply(fake.private(MEMBER, command))
        assert "1 sources: 3 facts" in reply["text"]
        assert "Blue Union briefing" in reply["text"]  # the source
        assert "Who leads the Blue Union?" in reply["text"]  # an example question


async def test_help_on_a_large_base_says_how_to_ask_on_its_first_page(fake: FakeBotApi, tmp_path):
    title = "Harbour authority weekly briefing on the northern provinces and their ports"
    write_seeds(
        tmp_path / "seeds",
        **{f"doc{i:02}__txt": f"{title}, part {i}\nLine {i} of the notes.\n" for i in range(40)},
    )
    async with running_bot(make_settings(tmp_path, fake)):
        reply = await fake.reply(fake.private(MEMBER, "/help"))
    text = reply["text"]
    assert "reply_markup" not in reply  # one page, no "More ›"
    assert "40 sources" in text
    assert text.index("Who leads the Blue Union?") < text.index("Source:")  # how to ask first
    assert text.count("Source:") == 10
    assert "… and 30 more sources: /sources" in text


async def test_commands_menu_is_registered(fake: FakeBotApi, bot):
    default = [c for c in fake.commands if (c.get("scope") or {}).get("type") == "default"]
    names = {c["command"] for c in default[0]["commands"]}
    assert {"brief", "who", "timeline", "quote", "search", "sources", "help"} <= names
    assert "reload" not in names


async def test_a_lone_surrogate_in_a_question_costs_no_answer(fake: FakeBotApi, bot):
    # JSON can carry one ("\\ud83d", half an emoji); it cannot be encoded as UTF-8.
    reply = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union? \ud83d"))
    assert "Ada Stone" in reply["text"]
    fake.inline(MEMBER, "Blue Union \ud83d")
    await fake.wait_for(lambda: fake.inline_answers)
    assert fake.inline_answers[0]["results"]
    assert bot.services.metrics.errors == 0
    asked = [row["text"] for row in bot.services.audit.rows()]
    assert asked == ["Who leads the Blue Union? \ufffd", "Blue Union \ufffd"]


async def test_unanswerable_question_says_so(fake: FakeBotApi, bot):
    reply = await fake.reply(fake.private(MEMBER, "What is the GDP of Atlantis?"))
    assert "The documents do not say." in reply["text"]
    assert "blockquote" not in reply["text"]


async def test_stranger_is_refused_once_then_ignored(fake: FakeBotApi, bot):
    first = fake.private(STRANGER, "Who leads the Blue Union?")
    refusal = await fake.reply(first)
    assert "only answers members of its team" in refusal["text"]
    assert "Ada Stone" not in refusal["text"]
    second = fake.private(STRANGER, "/brief Blue Union")
    marker = fake.private(MEMBER, "/help")  # processed after the stranger's second message
    await fake.reply(marker)
    await fake.wait_for(lambda: fake.replies_to(marker))
    assert fake.replies_to(second) == []
    assert all("Ada Stone" not in m["text"] for m in fake.sent_to(STRANGER.id))


async def test_stranger_gets_no_inline_results_and_no_buttons(fake: FakeBotApi, bot):
    _, query_id = fake.inline(STRANGER, "Blue Union")
    answer = await fake.wait_for(
        lambda: [a for a in fake.inline_answers if a["inline_query_id"] == query_id]
    )
    assert answer[0]["results"] == []


async def test_group_answers_only_commands_mentions_and_replies(fake: FakeBotApi, bot):
    chatter = fake.group(STRANGER, "the blue union is interesting", chat_id=TEAM_CHAT)
    other_bot = fake.group(MEMBER, "/help@some_other_bot", chat_id=TEAM_CHAT)
    command = fake.group(MEMBER, "/brief@briefbot_test_bot Blue Union", chat_id=TEAM_CHAT)
    reply = await fake.reply(command)
    assert "Ada Stone" in reply["text"]
    mention = fake.group(
        STRANGER, "@briefbot_test_bot where does the Blue Union operate?", chat_id=TEAM_CHAT
    )
    assert "northern provinces" in (await fake.reply(mention))["text"]
    follow_up = fake.group(
        MEMBER, "and who leads it? Ada Stone?", chat_id=TEAM_CHAT, reply_to=reply
    )
    assert "Ada Stone" in (await fake.reply(follow_up))["text"]
    assert fake.replies_to(chatter) == [] and fake.replies_to(other_bot) == []


async def test_group_outside_the_team_allows_members_and_refuses_strangers(fake: FakeBotApi, bot):
    member = fake.group(MEMBER, "/brief Blue Union", chat_id=OTHER_CHAT)
    assert "Ada Stone" in (await fake.reply(member))["text"]
    stranger = fake.group(STRANGER, "/brief@briefbot_test_bot Blue Union", chat_id=OTHER_CHAT)
    assert "only answers members" in (await fake.reply(stranger))["text"]


async def test_paging_and_excerpt_buttons(fake: FakeBotApi, tmp_path, bot):
    long_line = "The Blue Union report paragraph number {} says " + "a lot of things " * 40
    lines = "\n".join(long_line.format(i) + "." for i in range(12))
    (tmp_path / "seeds" / "long.txt").write_text(f"Long report\n{lines}\n", encoding="utf-8")
    reload_reply = await fake.reply(fake.private(ADMIN, "/reload"))
    assert "Reloaded" in reload_reply["text"]
    first = await fake.reply(fake.private(MEMBER, "/everything"))
    keyboard = first["reply_markup"]["inline_keyboard"]
    nav = {b["text"]: b["callback_data"] for b in keyboard[0]}
    pages = [t for t in nav if re.fullmatch(r"1/\d+", t)]
    assert "More ›" in nav and pages and int(pages[0][2:]) >= 2 and nav[pages[0]] == "noop"
    fake.callback(MEMBER, first, nav["More ›"])
    edit = await fake.wait_for(lambda: fake.edits)
    assert edit[0]["message_id"] == first["message_id"]
    assert edit[0]["text"] != first["text"] and "<blockquote" in edit[0]["text"]
    excerpt_button = next(
        b["callback_data"] for row in keyboard for b in row if b["text"] == "Excerpt 2"
    )
    fake.callback(MEMBER, first, excerpt_button)
    full = await fake.wait_for(
        lambda: [m for m in fake.sent_to(MEMBER.id) if "File: blue.txt" in m["text"]]
    )
    assert "Ada Stone said the &lt;union&gt;" in full[0]["text"]
    assert len(fake.callback_answers) == 2
    data = [b["callback_data"] for row in keyboard for b in row]
    assert all(len(d.encode()) <= 64 for d in data)
    version = bot.services.knowledge.version
    assert version and all(d.split(":")[1] == version[:8] for d in data if d != "noop")
    fake.callback(MEMBER, first, "p:old-store-key:1")  # a button from before this format
    alert = await fake.wait_for(lambda: [a for a in fake.callback_answers if a.get("show_alert")])
    assert "older fact base" in alert[0]["text"]


async def test_a_button_after_a_reload_asks_to_ask_again(fake: FakeBotApi, tmp_path, bot):
    first = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
    excerpt = first["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
    (tmp_path / "seeds" / "red.txt").write_text(RED, encoding="utf-8")
    assert "Reloaded" in (await fake.reply(fake.private(ADMIN, "/reload")))["text"]
    sent = len(fake.sent)
    fake.callback(MEMBER, first, excerpt)
    alert = await fake.wait_for(lambda: [a for a in fake.callback_answers if a.get("show_alert")])
    assert alert[0]["text"] == "This answer was made from an older fact base; ask again."
    assert len(fake.sent) == sent  # no excerpt of the wrong fact


async def test_a_button_under_a_deleted_question_says_so(fake: FakeBotApi, bot):
    asked = fake.private(MEMBER, "Who leads the Blue Union?")
    first = await fake.reply(asked)
    excerpt = first["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
    fake.delete(asked)
    fake.callback(MEMBER, first, excerpt)
    alert = await fake.wait_for(lambda: [a for a in fake.callback_answers if a.get("show_alert")])
    assert "ask again" in alert[0]["text"] and "gone" in alert[0]["text"]


async def test_a_button_under_an_edited_question_asks_to_ask_again(fake: FakeBotApi, bot):
    asked = fake.private(MEMBER, "Who leads the Blue Union?")
    first = await fake.reply(asked)
    excerpt = first["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
    asked["text"] = "Where does the Blue Union operate?"  # edited after the answer
    fake.callback(MEMBER, first, excerpt)
    alert = await fake.wait_for(lambda: [a for a in fake.callback_answers if a.get("show_alert")])
    assert "ask again" in alert[0]["text"]


async def test_buttons_in_a_group_re_read_the_addressed_question(fake: FakeBotApi, bot):
    asked = fake.group(MEMBER, "@briefbot_test_bot Blue Union provinces", chat_id=TEAM_CHAT)
    first = await fake.reply(asked)
    excerpt = first["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
    fake.callback(MEMBER, first, excerpt)
    full = await fake.wait_for(
        lambda: [m for m in fake.sent_to(TEAM_CHAT) if "File: blue.txt" in m["text"]]
    )
    assert full[0]["reply_to_message_id"] == first["message_id"]
    assert not [a for a in fake.callback_answers if a.get("show_alert")]


async def test_inline_query_returns_matching_facts(fake: FakeBotApi, bot):
    _, query_id = fake.inline(MEMBER, "Blue Union provinces")
    answer = await fake.wait_for(
        lambda: [a for a in fake.inline_answers if a["inline_query_id"] == query_id]
    )
    results = answer[0]["results"]
    assert results and results[0]["type"] == "article"
    assert any("northern provinces" in r["input_message_content"]["message_text"] for r in results)
    assert all(r["description"] == "Blue Union briefing" for r in results)


async def test_rate_limit_answers_once_then_stays_quiet(fake: FakeBotApi, tmp_path, seeds):

    async with running_bot(make_settings(tmp_path, fake, rate_limit=2, rate_window=3600.0)):
        asked = [fake.private(MEMBER, f"Blue Union question {i}") for i in range(4)]
        await fake.wait_for(lambda: len(fake.sent_to(MEMBER.id)) >= 3)
        marker = fake.private(ADMIN, "/help")
        await fake.reply(marker)
        texts = [m["text"] for m in fake.sent_to(MEMBER.id)]
        assert len(texts) == 3
        assert sum("faster than I can brief" in t for t in texts) == 1
        # Updates are handled concurrently, so which message is over the limit may vary.
        assert sorted(len(fake.replies_to(m)) for m in asked) == [0, 1, 1, 1]


async def test_non_text_messages_get_a_hint(fake: FakeBotApi, bot):
    reply = await fake.reply(fake.photo(MEMBER))
    assert "I read questions as text" in reply["text"]


async def test_an_audit_log_that_cannot_be_written_costs_no_answer(fake: FakeBotApi, bot, caplog):
    bot.services.audit._conn.execute("PRAGMA query_only = ON")  # as a full disk refuses writes
    for _ in range(2):
        answer = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
        assert "Ada Stone" in answer["text"]
    warnings = [r for r in caplog.records if "audit log write failed" in r.getMessage()]
    assert len(warnings) == 1


async def test_a_button_whose_handler_fails_is_answered_with_an_apology(fake: FakeBotApi, bot):
    first = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
    excerpt = first["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]

    def broken(text):
        raise RuntimeError("engine bug")

    bot.services.knowledge.engine.answer = broken
    fake.callback(MEMBER, first, excerpt)
    alert = await fake.wait_for(lambda: fake.callback_answers)
    assert alert[0]["text"].startswith("Sorry, something went wrong")


async def test_typing_in_inline_mode_does_not_use_up_the_questions_allowed(
    fake: FakeBotApi, tmp_path, seeds
):
    async with running_bot(make_settings(tmp_path, fake, rate_limit=2, rate_window=3600.0)):
        for typed in ("Blue", "Blue Union", "Blue Union provinces"):  # one per pause in typing
            fake.inline(MEMBER, typed)
        await fake.wait_for(lambda: len(fake.inline_answers) == 3)
        answer = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
        assert "Ada Stone" in answer["text"]
        # Inline mode is still limited: one of the three got no results.
        assert sorted(bool(a["results"]) for a in fake.inline_answers) == [False, True, True]


async def test_a_team_group_upgraded_to_a_supergroup_is_reported_with_its_new_id(
    fake: FakeBotApi, bot, caplog
):
    chat = {"id": TEAM_CHAT, "type": "group", "title": "Team room"}
    fake._message(MEMBER, chat, None, migrate_to_chat_id=-1009876)
    marker = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
    assert "Ada Stone" in marker["text"]
    await fake.wait_for(lambda: any("-1009876" in r.getMessage() for r in caplog.records))
    warning = next(r for r in caplog.records if "-1009876" in r.getMessage())
    assert "add -1009876 to BRIEFBOT_TEAM" in warning.getMessage()
    assert fake.sent_to(TEAM_CHAT) == []  # the service message itself gets no reply


async def test_a_flood_of_button_presses_is_limited_with_a_toast(fake: FakeBotApi, tmp_path, seeds):
    def excerpts_sent():
        return [m for m in fake.sent_to(MEMBER.id) if "File: blue.txt" in m["text"]]

    async with running_bot(make_settings(tmp_path, fake, rate_limit=2, rate_window=3600.0)):
        first = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
        excerpt = first["reply_markup"]["inline_keyboard"][-1][0]["callback_data"]
        for _ in range(3):
            fake.callback(MEMBER, first, excerpt)
        answers = await fake.wait_for(
            lambda: fake.callback_answers if len(fake.callback_answers) == 3 else None
        )
        assert sum("faster than I can brief" in (a.get("text") or "") for a in answers) == 1
        await fake.wait_for(lambda: len(excerpts_sent()) >= 2)
        # Presses have their own bucket: the member may still ask.
        assert "Ada Stone" in (await fake.reply(fake.private(MEMBER, "Ada Stone?")))["text"]
        assert len(excerpts_sent()) == 2
