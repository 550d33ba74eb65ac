"""Session fixtures for the deployment checks: the release built once, a venv with it installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from deploy_support import (
    REPO,
    Dists,
    Installed,
    dependency_closure,
    dockerignore,
    dockerignore_excludes,
    project_files,
    read_dockerfile,
    wheel_requirements,
)


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """`python -m build` on a copy of the tree (so the build never writes into the checkout).

    With neither --wheel nor --sdist, build makes the sdist and then the wheel *from the
    sdist*, which also proves the sdist holds everything the wheel needs. --no-isolation uses
    this environment's setuptools (a test extra) so nothing is downloaded.
    """
    root = tmp_path_factory.mktemp("release")
    source = root / "src"
    files = tuple(project_files())
    for name in files:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    out = root / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Dists(wheel, sdist, files)


@pytest.fixture(scope="session")
def image_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel as the Dockerfile's build stage makes it: from only what that stage COPYs.

    The build context is the project files that .dockerignore lets through; the stage's
    COPY lines pick from it; then its `python -m build --wheel` with the stage's ENV (so
    mypyc compiles what the image compiles; offline, --no-isolation).
    """
    build = read_dockerfile().stages[0]
    (command,) = [run.args for run in build.all("RUN") if "-m build" in run.args]
    assert "--wheel" in command
    patterns = dockerignore()
    context = [name for name in project_files() if not dockerignore_excludes(patterns, name)]
    root = tmp_path_factory.mktemp("image-build")
    stage = root / "src"
    for copy in build.all("COPY"):
        words = [word for word in copy.args.split() if not word.startswith("--")]
        *sources, target = words
        for source in (word.rstrip("/") for word in sources):
            picked = [n for n in context if n == source or n.startswith(source + "/")]
            assert picked, f"COPY {source}: not in the build context"
            for name in picked:
                inside = Path(name).relative_to(source) if name != source else Path(name).name
                if target.endswith("/") and name == source:
                    destination = stage / target / Path(name).name
                else:
                    destination = stage / target / inside
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, destination)
    out = root / "dist"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--wheel",
            "--outdir",
            str(out),
            str(stage),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **build.env(), "PIP_NO_INDEX": "1"},  # BRIEFBOT_COMPILE, as in the image
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    return wheel


@pytest.fixture(scope="session")
def installed(image_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A real, fresh venv (`python -m venv`, its own pip) with the image's wheel installed.

    Tests stay offline, so pip does not fetch the dependencies from the registry. Instead a
    .pth file puts on the path a folder of links to exactly the distributions the wheel's
    Requires-Dist needs (the transitive closure, resolved in this environment, versions
    checked). An undeclared dependency is therefore missing there and the run fails; what
    this does not prove is that the registry serves those versions (the image build does).
    """
    root = tmp_path_factory.mktemp("fresh")
    deps = root / "deps"
    deps.mkdir()
    for key, distribution in dependency_closure(wheel_requirements(image_wheel)).items():
        if key == "pip":
            continue  # the venv has its own
        site = Path(distribution.locate_file(""))
        tops = {f.parts[0] for f in distribution.files or []}
        for top in tops - {"..", "__pycache__"}:
            if (site / top).exists() and not (deps / top).exists():
                (deps / top).symlink_to(site / top)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "briefbot-test-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    assert sysconfig.get_paths()["purelib"] != purelib
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(image_wheel),
        ],
        check=True,
        timeout=120,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )
    return Installed(venv=venv, bin=venv / "bin", python=python)
