"""Session fixtures for the deployment checks: the release built once, a venv with it installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from deploy_support import REPO, Dists, project_files


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
        check=False, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return Dists(wheel, sdist, files)
