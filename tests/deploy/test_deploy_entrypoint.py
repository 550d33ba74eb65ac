"""What the container does, without a container: the wheel in a fresh venv runs the Dockerfile.

From deploy/Dockerfile's final stage this test takes the COPY lines (seeds/, knowledge/ into a
folder standing for /data), the build-time RUN lines (compile and index), the ENV, the
ENTRYPOINT and CMD, and the HEALTHCHECK command, and runs them from the built wheel installed
into a fresh virtual environment, in webhook mode against the test Bot API server
(tests/telegram/fake_bot_api.py). Differences from the image, on purpose: /data is a temporary
folder; the server binds 127.0.0.1 on a free port rather than 0.0.0.0:8080 (tests reach
nothing but loopback); Python is this machine's rather than the image's.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from deploy_support import REPO, Installed, Stage, healthcheck_command, read_dockerfile

from bot import factbase

FAKE_API = REPO / "tests" / "telegram" / "fake_bot_api.py"
pytestmark = pytest.mark.slow


MEMBER_ID = 4242
WEBHOOK_SECRET = "deploy-test-webhook-secret"
SHUTDOWN_LIMIT = 10.0  # seconds from SIGTERM to exit, as Kubernetes' grace period demands


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tracked(prefix: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--", prefix], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [name for name in listed if (REPO / name).is_file()]


def local(text: str, data: Path) -> str:
    return text.replace("/data", str(data))


def lay_out_data(runtime: Stage, data: Path) -> None:
    """The COPY lines of the final stage, from committed files (a build context of HEAD)."""
    for copy in runtime.all("COPY"):
        words = [word for word in copy.args.split() if not word.startswith("--")]
        (source, target) = (words[0].rstrip("/"), Path(local(words[1], data)))
        for name in tracked(source):
            destination = target / Path(name).relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, destination)
    for folder in ("seeds", "knowledge"):
        (data / folder).mkdir(parents=True, exist_ok=True)


def container_env(runtime: Stage, data: Path, installed: Installed) -> dict[str, str]:
    env = {key: local(value, data) for key, value in runtime.env().items()}
    env.update({"PATH": f"{installed.bin}:/usr/bin:/bin", "HOME": str(data), "LANG": "C.UTF-8"})
    return env


def build_time_runs(runtime: Stage) -> list[str]:
    """RUN lines after the switch to the runtime user: what prepares /data in the image."""
    user_at = runtime.instructions.index(runtime.last("USER"))
    return [i.args for i in runtime.instructions[user_at:] if i.keyword == "RUN"]


def run_build_steps(runtime: Stage, data: Path, env: dict[str, str]) -> None:
    for command in build_time_runs(runtime):
        result = subprocess.run(
            ["sh", "-c", local(command, data)],
            cwd=data,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"RUN {command}\n{result.stdout}\n{result.stderr}"


def executable(command: list[str], installed: Installed) -> list[str]:
    found = installed.bin / command[0]
    return [str(found) if found.exists() else command[0], *command[1:]]


async def wait_healthy(url: str, process: asyncio.subprocess.Process, limit: float) -> dict:
    deadline = time.monotonic() + limit
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            assert process.returncode is None, f"briefbot exited with {process.returncode}"
            try:
                async with session.get(url) as response:
                    if response.status == 200:
                        return await response.json()
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError(f"{url} did not answer 200 within {limit} s")


def run_healthcheck(runtime: Stage, env: dict[str, str], installed: Installed, cwd: Path) -> int:
    command = executable(healthcheck_command(runtime), installed)
    return subprocess.run(
        command, env=env, cwd=cwd, timeout=30, check=False, capture_output=True
    ).returncode


async def test_container_entrypoint_serves_webhook_and_stops_cleanly_on_sigterm(
    installed: Installed, tmp_path: Path
):
    sys.path.insert(0, str(FAKE_API.parent))
    from fake_bot_api import FakeBotApi, User  # noqa: PLC0415 (present only once that part landed)

    runtime = read_dockerfile().final
    data = tmp_path / "data"
    lay_out_data(runtime, data)
    build_env = container_env(runtime, data, installed)
    await asyncio.to_thread(run_build_steps, runtime, data, build_env)
    facts_file = data / "knowledge" / factbase.FACTS_FILE
    expected = factbase.load(data / "knowledge").counts()
    assert expected["facts"] > 0, "the seeds compiled to no facts"

    fake = await FakeBotApi().start()
    port = free_port()
    webhook = f"http://127.0.0.1:{port}/telegram"
    env = build_env | {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "BRIEFBOT_MODE": "webhook",
        "BRIEFBOT_WEBHOOK_URL": webhook,
        "BRIEFBOT_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "BRIEFBOT_TEAM": str(MEMBER_ID),
        "BRIEFBOT_HOST": "127.0.0.1",
        "BRIEFBOT_PORT": str(port),
    }
    command = executable(
        runtime.last("ENTRYPOINT").exec_form() + runtime.last("CMD").exec_form(), installed
    )
    log = (tmp_path / "briefbot.log").open("w+")
    process = await asyncio.create_subprocess_exec(
        *command, cwd=data, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        health = await wait_healthy(f"http://127.0.0.1:{port}/healthz", process, limit=60)
        assert health["counts"] == expected
        assert health["version"] == hashlib.sha256(facts_file.read_bytes()).hexdigest()
        assert fake.webhook["url"] == webhook
        assert fake.webhook["secret_token"] == WEBHOOK_SECRET

        # One update through the webhook, as Telegram would deliver it.
        message = fake.private(User(MEMBER_ID), "/help")
        update = {"update_id": 1, "message": message}
        async with aiohttp.ClientSession() as session:
            forged = {"X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}
            async with session.post(webhook, json=update, headers=forged) as response:
                assert response.status == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
            async with session.post(webhook, json=update, headers=headers) as response:
                assert response.status == 200
            async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
                assert response.status == 200
                assert response.content_type == "text/plain"
                assert "# TYPE" in await response.text()
        reply = await fake.reply(message, timeout=30)
        assert reply["text"].strip()

        assert await asyncio.to_thread(run_healthcheck, runtime, env, installed, data) == 0
        closed = env | {"BRIEFBOT_PORT": str(free_port())}
        assert await asyncio.to_thread(run_healthcheck, runtime, closed, installed, data) != 0

        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), SHUTDOWN_LIMIT)
        took = time.monotonic() - started
        log.seek(0)
        assert code == 0, log.read()[-3000:]
        print(f"SIGTERM to exit: {took:.2f} s")  # shown with -s; the limit is the assertion above
        log.seek(0)
        assert fake.token not in log.read(), "the token reached the log"
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        log.close()
        await fake.stop()
        sys.path.remove(str(FAKE_API.parent))


async def test_a_second_poller_stops_with_a_clear_409_message(installed: Installed, tmp_path: Path):
    """Polling with two replicas: Telegram answers the second getUpdates with 409 Conflict."""
    sys.path.insert(0, str(FAKE_API.parent))
    from fake_bot_api import FakeBotApi  # noqa: PLC0415 (present only once that part landed)

    runtime = read_dockerfile().final
    data = tmp_path / "data"
    lay_out_data(runtime, data)
    fake = await FakeBotApi().start()
    fake.conflict = True  # another instance is polling with this token
    env = container_env(runtime, data, installed) | {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "BRIEFBOT_MODE": "polling",
        "BRIEFBOT_TEAM": str(MEMBER_ID),
        "BRIEFBOT_HOST": "127.0.0.1",
        "BRIEFBOT_PORT": str(free_port()),
        "BRIEFBOT_CONFLICT_WAIT": "0",  # the production default waits 30 s before exiting
    }
    command = executable(
        runtime.last("ENTRYPOINT").exec_form() + runtime.last("CMD").exec_form(), installed
    )
    process = await asyncio.create_subprocess_exec(
        *command, cwd=data, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), 60)
        text = (out + err).decode()
        assert process.returncode == 3, text[-3000:]  # the documented conflict status
        last = err.decode().strip().splitlines()[-1]
        assert last.startswith("briefbot: ") and "409 Conflict" in last, text[-3000:]
        assert "Traceback" not in text, text[-3000:]
        assert fake.token not in text
        # It stopped after the conflict instead of hammering getUpdates.
        assert len(fake.called("getUpdates")) <= 3
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
        sys.path.remove(str(FAKE_API.parent))
