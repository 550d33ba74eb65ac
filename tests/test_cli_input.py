"""The shells over piped input that the locale cannot decode (a UTF-8 locale reads strictly)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_a_line_that_is_not_utf8_does_not_end_the_run(tmp_path: Path, command: str):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "knowledge").mkdir()
    shutil.copy2(REPO / "knowledge" / "facts.yaml", tmp_path / "knowledge" / "facts.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_"))}
    env |= {"PYTHONIOENCODING": "utf-8:strict", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--seeds", "seeds", "--knowledge", "knowledge", command],
        input=b"/sources\nCaf\xe9 Taliban\n/sources\n",  # the middle line is Latin-1
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in result.stderr
    first_line = result.stdout.splitlines()[0]  # of the /sources reply
    assert result.stdout.count(first_line) == 2  # the line after the Latin-1 one was answered
