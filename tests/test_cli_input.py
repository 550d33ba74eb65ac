"""The CLI over input it must refuse in words, one line each: piped lines the locale cannot
decode (a UTF-8 locale reads strictly), knowledge and seeds folders it cannot use."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import factbase
from bot.cli import cli

REPO = Path(__file__).resolve().parents[1]


def run_briefbot(
    folder: Path, *args: str, stdin: bytes, encoding: str
) -> subprocess.CompletedProcess[bytes]:
    """`python -m bot ARGS` over a copy of the seed, its standard streams in `encoding`."""
    shutil.copytree(REPO / "seeds", folder / "seeds")
    (folder / "knowledge").mkdir()
    shutil.copy2(REPO / "knowledge" / "facts.yaml", folder / "knowledge" / "facts.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_"))}
    env |= {"PYTHONIOENCODING": encoding, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--seeds", "seeds", "--knowledge", "knowledge", *args],
        input=stdin,
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_a_line_that_is_not_utf8_does_not_end_the_run(tmp_path: Path, command: str):
    stdin = b"/sources\nCaf\xe9 Taliban\n/sources\n"  # the middle line is Latin-1
    result = run_briefbot(tmp_path, command, stdin=stdin, encoding="utf-8:strict")
    first_line = result.stdout.splitlines()[0]  # of the /sources reply
    assert result.stdout.count(first_line) == 2  # the line after the Latin-1 one was answered


@pytest.mark.parametrize("args", [("ask", "KIB"), ("ask",), ("chat",)])
def test_a_reply_the_locale_cannot_print_does_not_end_the_run(tmp_path: Path, args):
    result = run_briefbot(tmp_path, *args, stdin=b"KIB\n/sources\n", encoding="latin-1:strict")
    assert b"Katibat Imam al-Bukhari (KIB) ? organization" in result.stdout  # an em dash


def read_only_volume(path: Path, *args: object, **kwargs: object) -> None:
    """What saving on a read-only mount raises (root, who runs the tests, can write anything)."""
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path.parent / f".{path.name}.tmp"))


def test_compile_into_a_folder_it_cannot_write_is_one_line(tmp_path: Path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.txt").write_text(
        "Harbour news\n\nThe Aralsk Harbour Authority is led by Dana Serikova.\n",
        encoding="utf-8",
    )
    knowledge = tmp_path / "knowledge"
    monkeypatch.setattr(factbase, "write_parts_atomically", read_only_volume)
    monkeypatch.setattr(factbase, "write_atomically", read_only_volume)
    result = CliRunner().invoke(
        cli, ["--seeds", str(seeds), "--knowledge", str(knowledge), "compile"]
    )
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # fail(), not a traceback
    assert result.stderr.splitlines()[-1] == (
        f"briefbot: {knowledge}: cannot write the fact base (Read-only file system)"
    )


def test_check_against_a_missing_seeds_folder_is_one_line(tmp_path: Path):
    missing = tmp_path / "no seeds here"
    result = CliRunner().invoke(
        cli, ["--seeds", str(missing), "--knowledge", str(REPO / "knowledge"), "check"]
    )
    assert result.exit_code == 1
    assert result.stderr == f"briefbot: {missing}: is not a folder of documents\n"


def test_a_fact_base_that_does_not_parse_is_one_line(tmp_path: Path):
    (tmp_path / "facts.yaml").write_text("schema: 1\nsources: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--knowledge", str(tmp_path), "ask", "KIB"])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("briefbot: facts.yaml is not valid YAML: ")


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_a_fact_base_that_cannot_be_read_is_one_line(tmp_path: Path, command: str):
    (tmp_path / "facts.yaml").mkdir()  # root, who runs the tests, reads any file
    result = CliRunner().invoke(cli, ["--knowledge", str(tmp_path), command], input="KIB\n")
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # fail(), not a traceback
    assert result.stderr == f"briefbot: {tmp_path / 'facts.yaml'}: cannot read: Is a directory\n"


def test_the_folders_can_follow_any_command_name(tmp_path: Path):
    seeds, knowledge = tmp_path / "seeds", tmp_path / "knowledge"
    seeds.mkdir()
    (seeds / "note.txt").write_text(
        "Harbour news\n\nThe Aralsk Harbour Authority is led by Dana Serikova.\n",
        encoding="utf-8",
    )
    folders = ["--seeds", str(seeds), "--knowledge", str(knowledge)]
    elsewhere = ["--seeds", str(tmp_path / "none"), "--knowledge", str(tmp_path / "none")]
    runner = CliRunner()
    for command in (["compile"], ["check"], ["ask", "Who leads the Aralsk Harbour Authority?"]):
        result = runner.invoke(cli, [*elsewhere, *command, *folders])  # the command's own win
        assert result.exit_code == 0, (command, result.output)
    assert "Dana Serikova" in result.output
