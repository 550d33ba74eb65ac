"""The aiohttp server (webhook, /healthz, /metrics), polling conflicts, signals and settings."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp
import pytest
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from mini import BROKEN, mini_compile
from tg_support import BLUE, FAST, MEMBER, make_settings, mini_knowledge, running_bot, write_seeds

from bot.cli import cli
from bot.errors import ConfigError, PollingConflict
from bot.telegram.runner import Bot, build_bot, serve

SECRET = "s3cret-webhook-value"


async def raw_post(port: int, path: str, secret: bytes) -> int:
    """A POST whose secret header holds raw bytes, which aiohttp's client would not send."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: bot\r\nContent-Length: 2\r\nConnection: close\r\n".encode()
        + b"X-Telegram-Bot-Api-Secret-Token: "
        + secret
        + b"\r\n\r\n{}"
    )
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    writer.close()
    await writer.wait_closed()
    return status


async def test_webhook_mode_checks_the_secret(fake: FakeBotApi, tmp_path, seeds, caplog):
    settings = make_settings(
        tmp_path,
        fake,
        mode="webhook",
        webhook_url="https://bot.example.org/hook",
        webhook_secret=SECRET,
    )
    async with running_bot(settings) as bot:
        assert fake.webhook["url"] == "https://bot.example.org/hook"
        assert fake.webhook["secret_token"] == SECRET
        assert fake.called("getUpdates") == []
        message = fake.private(MEMBER, "Who leads the Blue Union?")
        update = fake.pending.pop()
        url = f"http://127.0.0.1:{bot.port}/hook"
        async with aiohttp.ClientSession() as http:
            wrong = await http.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
            )
            missing = await http.post(url, json=update)
            assert (wrong.status, missing.status) == (403, 403)
            assert await raw_post(bot.port, "/hook", b"\xff\xfe") == 403  # not UTF-8: no 500
            refusals = [r for r in caplog.records if "wrong secret" in r.getMessage()]
            assert len(refusals) == 1  # three refused calls, one warning a minute at most
            await asyncio.sleep(0.2)
            assert fake.replies_to(message) == []
            right = await http.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
            assert right.status == 200
            assert "Ada Stone" in (await fake.reply(message))["text"]
            for garbage in (b"{not json", b"[" * 100_000 + b"]" * 100_000):
                refused = await http.post(
                    url, data=garbage, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
                )
                assert refused.status == 400, garbage[:10]  # deep nesting too: not a 500
            for shape in ([], None, "update", {"update_id": 9, "message": "text"}):
                odd = await http.post(
                    url, json=shape, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
                )
                assert odd.status == 400, shape  # not a 500 Telegram would resend
            health = await http.get(f"http://127.0.0.1:{bot.port}/healthz")
            assert health.status == 200
            metrics = await (await http.get(f"http://127.0.0.1:{bot.port}/metrics")).text()
            assert 'briefbot_updates_total{kind="message"} 1' in metrics  # the refused posts: none
            assert "briefbot_replies_total 1" in metrics


async def test_healthz_and_metrics(fake: FakeBotApi, bot):
    await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
    async with aiohttp.ClientSession() as http:
        health = await http.get(f"http://127.0.0.1:{bot.port}/healthz")
        body = await health.json()
        metrics = await http.get(f"http://127.0.0.1:{bot.port}/metrics")
        text = await metrics.text()
    assert health.status == 200
    assert body["loaded"] is True and body["counts"] == {"sources": 1, "entities": 0, "facts": 3}
    assert body["version"] == bot.services.knowledge.version
    assert metrics.headers["Content-Type"].startswith("text/plain")
    assert 'briefbot_updates_total{kind="message"} 1' in text
    assert "briefbot_replies_total 1" in text
    assert "briefbot_errors_total 0" in text
    assert 'briefbot_reply_latency_seconds_bucket{le="+Inf"} 1' in text
    assert "briefbot_reply_latency_seconds_count 1" in text
    assert "briefbot_facts 3" in text
    assert 'briefbot_reloads_total{result="ok"} 0' in text


async def test_healthz_is_503_without_a_fact_base(fake: FakeBotApi, tmp_path):
    write_seeds(tmp_path / "seeds", only__txt=f"Only\n{BROKEN}\n")
    async with running_bot(make_settings(tmp_path, fake)) as bot, aiohttp.ClientSession() as http:
        health = await http.get(f"http://127.0.0.1:{bot.port}/healthz")
        assert health.status == 503
        assert (await health.json())["loaded"] is False
        alive = await http.get(f"http://127.0.0.1:{bot.port}/livez")
        assert alive.status == 200 and (await alive.json())["loaded"] is False
        reply = await fake.reply(fake.private(MEMBER, "Who leads the Blue Union?"))
        assert "fact base is not loaded" in reply["text"]


async def test_polling_conflict_stops_the_bot(fake: FakeBotApi, tmp_path, seeds, caplog):
    async with running_bot(make_settings(tmp_path, fake)) as bot:
        fake.conflict = True
        await asyncio.wait_for(bot.wait(), 10)
        assert bot.conflict
    assert not [r for r in caplog.records if r.exc_info]  # no traceback from the final confirm


async def test_a_conflict_waits_before_exiting_and_sigterm_cuts_the_wait(
    fake: FakeBotApi, tmp_path
):
    """A restart policy that restarts on any exit then polls once per wait, not in a loop."""
    write_seeds(tmp_path / "seeds", blue__txt=BLUE)
    mini_compile(tmp_path / "seeds", tmp_path / "knowledge")
    fake.conflict = True
    ready: list[Bot] = []
    settings = make_settings(tmp_path, fake, conflict_wait=600.0)
    task = asyncio.create_task(serve(settings, tuning=FAST, on_ready=ready.append))
    await fake.wait_for(lambda: ready and ready[0].conflict and ready[0].runner is None)
    polls = len(fake.called("getUpdates"))
    await asyncio.sleep(0.3)
    assert not task.done()  # stopped serving, still waiting
    assert len(fake.called("getUpdates")) == polls
    ready[0].request_stop()  # what SIGTERM does
    with pytest.raises(PollingConflict, match="409 Conflict"):
        await asyncio.wait_for(task, 10)


def _run_env(tmp_path: Path, fake: FakeBotApi, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_"))}
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "BRIEFBOT_TEAM": str(MEMBER.id),
            "BRIEFBOT_SEEDS": str(tmp_path / "seeds"),
            "BRIEFBOT_KNOWLEDGE": str(tmp_path / "knowledge"),
            "BRIEFBOT_PORT": "0",
            "BRIEFBOT_AUDIT_DB": str(tmp_path / "audit.sqlite"),
            **extra,
        }
    )
    return env


async def test_sigterm_finishes_the_reply_in_flight_then_exits_0(fake: FakeBotApi, tmp_path):
    write_seeds(tmp_path / "seeds", blue__txt=BLUE)
    mini_compile(tmp_path / "seeds", tmp_path / "knowledge")  # a saved base: `run` opens it as is
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=_run_env(tmp_path, fake),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        first = fake.private(MEMBER, "Who leads the Blue Union?")
        await fake.reply(first, timeout=30)
        fake.fail_next("sendMessage", "slow", delay=1.5)
        in_flight = fake.private(MEMBER, "Where does the Blue Union operate?")
        await fake.wait_for(lambda: fake.injected["slow"], timeout=10)
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert len(fake.replies_to(in_flight)) == 1
    assert fake.token.split(":")[1] not in stderr.decode()


async def test_conflict_exits_non_zero_with_one_line(fake: FakeBotApi, tmp_path):
    write_seeds(tmp_path / "seeds", blue__txt=BLUE)
    mini_compile(tmp_path / "seeds", tmp_path / "knowledge")
    fake.conflict = True
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=_run_env(tmp_path, fake, BRIEFBOT_CONFLICT_WAIT="0"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == PollingConflict.exit_status == 3
    lines = stderr.decode().strip().splitlines()
    assert lines[-1].startswith("briefbot: another bot instance is already polling")
    assert sum("409 Conflict" in line for line in lines) == 1
    assert "Traceback" not in stderr.decode()


@pytest.mark.parametrize(
    ("env", "line"),
    [
        ({}, "briefbot: TELEGRAM_BOT_TOKEN is not set"),
        (
            {"TELEGRAM_BOT_TOKEN": "not a token"},
            "briefbot: TELEGRAM_BOT_TOKEN is malformed (expected <id>:<secret>)",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": "1:abc"},
            "briefbot: BRIEFBOT_TEAM is empty: set the user or chat ids allowed to ask",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": "1:abc", "BRIEFBOT_TEAM": "ana"},
            "briefbot: BRIEFBOT_TEAM: 'ana' is not a numeric Telegram id",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": "1:abc", "BRIEFBOT_TEAM": "1", "BRIEFBOT_PORT": "80000"},
            "briefbot: BRIEFBOT_PORT: 80000 is outside 0..65535",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": "1:abc", "BRIEFBOT_TEAM": "1", "BRIEFBOT_MODE": "webhook"},
            "briefbot: BRIEFBOT_WEBHOOK_URL is required when BRIEFBOT_MODE=webhook",
        ),
    ],
)
def test_missing_or_malformed_settings_stop_with_one_line(tmp_path, monkeypatch, env, line):
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("BRIEFBOT_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    result = CliRunner().invoke(cli, ["run"], env=env)
    assert result.exit_code == 1
    assert result.output.strip() == line or result.stderr.strip() == line


async def test_port_in_use_is_one_clear_error(fake: FakeBotApi, tmp_path, seeds):
    async with running_bot(make_settings(tmp_path, fake)) as first:
        settings = make_settings(tmp_path, fake, port=first.port, audit_db=tmp_path / "b.sqlite")
        with pytest.raises(ConfigError, match=f"cannot listen on 127.0.0.1:{first.port}"):
            async with running_bot(settings):
                pass


async def test_an_audit_log_that_cannot_be_opened_is_one_clear_error(fake: FakeBotApi, tmp_path):
    settings = make_settings(tmp_path, fake, audit_db=tmp_path)  # a directory
    with pytest.raises(
        ConfigError, match=f"BRIEFBOT_AUDIT_DB: cannot open the audit log {tmp_path}"
    ):
        build_bot(settings, knowledge=mini_knowledge(settings))
