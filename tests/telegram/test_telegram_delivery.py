"""Delivery under faults (429, 5xx, dropped connections, slow answers), errors and secrets."""

from __future__ import annotations

import logging
import time

import pytest
from fake_bot_api import FakeBotApi
from tg_support import MEMBER, make_settings, running_bot

from bot.errors import BotApiError
from bot.telegram.redact import MASK, install_token_redaction


@pytest.mark.parametrize(
    ("kind", "times"),
    [("429", 1), ("500", 2), ("502", 1), ("drop", 2), ("slow", 1)],
)
async def test_reply_survives_fault_exactly_once(fake: FakeBotApi, bot, kind, times):
    fake.fail_next("sendMessage", kind, times, retry_after=1, delay=0.3)
    asked = fake.private(MEMBER, "Who leads the Blue Union?")
    reply = await fake.reply(asked, timeout=15)
    assert "Ada Stone" in reply["text"]
    assert fake.injected[kind] == times
    marker = fake.private(MEMBER, "/help")
    await fake.reply(marker)
    assert len(fake.replies_to(asked)) == 1  # retried, never duplicated


async def test_retry_after_is_honoured(fake: FakeBotApi, bot):
    fake.fail_next("sendMessage", "429", retry_after=1)
    started = time.monotonic()
    await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"), timeout=15)
    assert time.monotonic() - started >= 1.0  # waited as told, did not hammer the API
    assert len(fake.called("sendMessage")) == 1  # the 429 call never reached the handler


async def test_polling_survives_getupdates_faults(fake: FakeBotApi, bot):
    fake.fail_next("getUpdates", "502")
    fake.fail_next("getUpdates", "drop")
    asked = fake.private(MEMBER, "Who leads the Blue Union?")
    await fake.reply(asked, timeout=15)
    second = fake.private(MEMBER, "/help")
    await fake.reply(second, timeout=15)
    assert len(fake.replies_to(asked)) == 1


async def test_engine_failure_is_logged_once_with_its_update(fake: FakeBotApi, bot, caplog):
    caplog.set_level(logging.ERROR, logger="briefbot")
    asked = fake.private(MEMBER, "/crash")
    reply = await fake.reply(asked)
    assert "something went wrong" in reply["text"]
    errors = [
        r for r in caplog.records if r.name == "briefbot.telegram" and r.levelno == logging.ERROR
    ]
    assert len(errors) == 1
    assert f"chat {MEMBER.id}, user {MEMBER.id}" in errors[0].getMessage()
    assert "RuntimeError: engine exploded" in errors[0].getMessage()
    assert bot.services.metrics.errors == 1
    # The bot keeps answering.
    assert (
        "Ada Stone" in (await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?")))["text"]
    )


async def test_no_log_record_ever_holds_the_token(fake: FakeBotApi, tmp_path, seeds, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "telegram", "aiohttp"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    uninstall = install_token_redaction(fake.token)
    try:
        async with running_bot(make_settings(tmp_path, fake)):
            fake.fail_next("sendMessage", "500")
            await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"), timeout=15)
            await fake.reply(fake.private(MEMBER, "/crash"))
            fake.inline(MEMBER, "Blue")
            await fake.wait_for(lambda: fake.inline_answers)
    finally:
        uninstall()
        for name in ("httpx", "httpcore", "telegram", "aiohttp"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    secret = fake.token.split(":", 1)[1]
    formatter = logging.Formatter("%(message)s")
    texts = [formatter.format(r) for r in caplog.records]
    assert len(texts) > 20
    assert any(MASK in t for t in texts)  # httpx did log the URL; the redactor caught it
    assert not [t for t in texts if secret in t or fake.token in t]


async def test_unreachable_api_is_one_clear_error(fake: FakeBotApi, tmp_path, seeds):
    settings = make_settings(tmp_path, fake, api_base_url="http://127.0.0.1:9/bot")
    with pytest.raises(BotApiError, match=r"cannot reach the Bot API at 127\.0\.0\.1:9") as caught:
        async with running_bot(settings):
            pass
    assert fake.token not in str(caught.value)


async def test_rejected_token_is_one_clear_error(fake: FakeBotApi, tmp_path, seeds):
    settings = make_settings(tmp_path, fake, token="999:wrong-token")
    with pytest.raises(BotApiError, match="rejected TELEGRAM_BOT_TOKEN") as caught:
        async with running_bot(settings):
            pass
    assert "wrong-token" not in str(caught.value)
