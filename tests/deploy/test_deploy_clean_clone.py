"""The README's two commands, from a clean clone of HEAD in a new virtual environment.

Slow (it pip-installs '.[dev]' into the clone's own .venv, about 20 s with a warm pip cache),
and it runs only a narrow subset of the suite inside the clone, never this module: the
variable below makes a nested run skip it, so the check cannot recurse into itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from deploy_support import REPO

from bot import factbase

NESTED = "BRIEFBOT_CLEAN_CLONE_TEST"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get(NESTED) == "1", reason="already inside a clean clone"),
]


def clean_environment(home: Path) -> dict[str, str]:
    """This machine's environment minus anything that could leak our venv or a bot token."""
    drop = ("BRIEFBOT_", "TELEGRAM_", "VIRTUAL_ENV", "PYTHONPATH", "PYTEST_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env[NESTED] = "1"
    env["HOME"] = os.environ.get("HOME", str(home))
    return env


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    target = tmp_path_factory.mktemp("clean-clone") / "briefbot"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(target)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    assert not (target / ".venv").exists()
    yield target
    shutil.rmtree(target, ignore_errors=True)  # its .venv is a few hundred MB


def dev(clone: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["./dev", *args],
        cwd=clone,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=clean_environment(clone),
    )


def test_dev_test_sets_up_and_runs_tests(clone: Path):
    result = dev(clone, "test", "-q", "-p", "no:cacheprovider", "tests/test_settings.py")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (clone / ".venv" / "bin" / "briefbot").exists()
    assert " passed" in result.stdout.splitlines()[-1]


def test_dev_run_compiles_and_answers_without_a_token(clone: Path):
    result = dev(clone, "run", stdin="/sources\n")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    base = factbase.load(clone / "knowledge")  # what `briefbot compile` wrote in the clone
    assert base.sources, "the seeds compiled to no source"
    # /sources lists every document of the fact base by its path under seeds/.
    for source in base.sources:
        assert source.path in result.stdout, (source.path, result.stdout[-2000:])
