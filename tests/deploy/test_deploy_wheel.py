"""The built wheel in a fresh virtual environment: it installs and runs from there."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from deploy_support import REPO, Installed

import bot

pytestmark = pytest.mark.slow


def run(installed: Installed, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
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


def test_the_compiled_stages_are_what_runs(installed: Installed):
    code = "import bot.compiler.extract as m; print(m.__file__)"
    result = run(installed, str(installed.python), "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(".so"), result.stdout


def test_compiled_build_writes_the_same_fact_base_as_the_source(
    installed: Installed, tmp_path: Path
):
    # mypyc must not change a byte: the committed fact base was written by the .py modules.
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    shutil.copy2(REPO / "knowledge" / "curated.yaml", knowledge)  # as the committed base had
    result = run(
        installed,
        str(installed.bin / "briefbot"),
        "--seeds",
        str(REPO / "seeds"),
        "--knowledge",
        str(knowledge),
        "compile",
    )
    assert result.returncode == 0, result.stderr
    written = (knowledge / "facts.yaml").read_bytes()
    assert written == (REPO / "knowledge" / "facts.yaml").read_bytes()
