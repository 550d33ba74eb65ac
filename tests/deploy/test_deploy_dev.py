"""`./dev run`'s choices, with a stand-in venv whose `briefbot` only says what it was asked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from deploy_support import REPO

STUB = """#!/bin/sh
echo "briefbot $*"
[ "$1" = compile ] && exit "${STUB_COMPILE_STATUS:-0}"
exit 0
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    shutil.copy2(REPO / "dev", tmp_path / "dev")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (bin_dir / "briefbot").write_text(STUB)
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    (tmp_path / ".venv" / ".briefbot-installed").touch()  # newer than pyproject: no pip
    return tmp_path


def dev_run(checkout: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BRIEFBOT_"))}
    clean["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        ["./dev", "run"],
        cwd=checkout,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_document_that_fails_to_compile_does_not_stop_dev_run(checkout: Path):
    result = dev_run(checkout, STUB_COMPILE_STATUS="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["briefbot compile", "briefbot chat"]
    assert "some documents did not compile" in result.stderr


def test_a_token_in_dotenv_starts_the_bot(checkout: Path):
    assert dev_run(checkout).stdout.splitlines()[-1] == "briefbot chat"
    (checkout / ".env").write_text('TELEGRAM_BOT_TOKEN="123:abc"  # from BotFather\n')
    assert dev_run(checkout).stdout.splitlines()[-1] == "briefbot run"
    (checkout / ".env").write_text("TELEGRAM_BOT_TOKEN=\n")
    assert dev_run(checkout).stdout.splitlines()[-1] == "briefbot chat"
    assert dev_run(checkout, TELEGRAM_BOT_TOKEN="1:x").stdout.splitlines()[-1] == "briefbot run"


OLD_PYTHON = """#!/bin/sh
[ "$1" = -c ] && exit 1  # sys.version_info < (3, 11)
echo "old python $*"
"""


def old_python(path: Path) -> Path:
    path.write_text(OLD_PYTHON)
    path.chmod(0o755)
    return path


def test_a_python_older_than_required_makes_no_venv(checkout: Path):
    shutil.rmtree(checkout / ".venv")
    result = dev_run(checkout, PYTHON=str(old_python(checkout / "python3.10")))
    assert result.returncode == 2
    assert "needs Python 3.11 or newer" in result.stderr
    assert not (checkout / ".venv").exists()  # else every later run would reuse it
    missing = dev_run(checkout, PYTHON=str(checkout / "no-such-python"))
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_a_venv_made_with_an_older_python_is_named_not_reused(checkout: Path):
    old_python(checkout / ".venv" / "bin" / "python")
    result = dev_run(checkout)
    assert result.returncode == 2
    assert "rm -rf .venv" in result.stderr and result.stdout == ""
