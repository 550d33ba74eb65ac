"""The built wheel in a fresh virtual environment: it installs and runs from there."""

from __future__ import annotations

import subprocess

import pytest
from deploy_support import Installed

import bot

pytestmark = pytest.mark.slow


def run(installed: Installed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*args], capture_output=True, text=True, timeout=120, check=False,
        cwd=installed.venv,
        env={"PATH": f"{installed.bin}:/usr/bin:/bin", "HOME": str(installed.venv)},
    )


def test_the_wheel_not_the_checkout_is_what_runs(installed: Installed):
    result = run(installed, str(installed.python), "-c", "import bot; print(bot.__file__)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith(str(installed.venv)), result.stdout


def test_declared_dependencies_are_consistent(installed: Installed):
    result = run(installed, str(installed.python), "-m", "pip", "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_console_script_reports_the_version(installed: Installed):
    result = run(installed, str(installed.bin / "briefbot"), "--version")
    assert result.returncode == 0, result.stderr
    assert bot.__version__ in result.stdout


def test_installed_settings_default_to_the_working_directory(installed: Installed):
    # Outside a checkout there is no repo to find seeds in: the image sets BRIEFBOT_SEEDS and
    # BRIEFBOT_KNOWLEDGE (and WORKDIR /data) so this default never matters there.
    code = "from bot.settings import default_root; print(default_root())"
    result = run(installed, str(installed.python), "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(installed.venv)
