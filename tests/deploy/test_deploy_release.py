"""Release: one version, a wheel with the package only, an sdist with the whole project."""

from __future__ import annotations

import re
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from deploy_support import REPO, Dists, compiled_modules
from packaging.requirements import Requirement

import bot

pytestmark = pytest.mark.slow  # builds the release once per session (~2 s)


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_lives_only_in_bot_init():
    project = pyproject()
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "bot.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", bot.__version__)


def test_changelog_names_the_current_version_first():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    assert releases, "CHANGELOG.md has no '## [x.y.z] - YYYY-MM-DD' heading"
    assert releases[0][0] == bot.__version__
    assert "## [Unreleased]" in text


def test_wheel_holds_the_package_and_its_data_but_no_tests(dists: Dists):
    assert dists.wheel.name == f"briefbot-{bot.__version__}-py3-none-any.whl"
    names = zipfile.ZipFile(dists.wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"bot", f"briefbot-{bot.__version__}.dist-info"}
    expected = {
        name for name in dists.files if name.startswith("bot/") and "__pycache__" not in name
    }
    missing = expected - set(names)
    assert not missing, f"package files missing from the wheel: {sorted(missing)}"


def test_wheel_metadata_matches_pyproject(dists: Dists):
    archive = zipfile.ZipFile(dists.wheel)
    info = f"briefbot-{bot.__version__}.dist-info"
    metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode())
    assert metadata["Version"] == bot.__version__
    base_requirements = [r for r in metadata.get_all("Requires-Dist") if "extra ==" not in r]

    def normal(requirements: list[str]) -> list[str]:
        return sorted(str(Requirement(r)) for r in requirements)

    assert normal(base_requirements) == normal(pyproject()["project"]["dependencies"])
    entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert re.search(r"^briefbot = bot\.cli:main$", entry_points, re.MULTILINE)


def test_sdist_holds_the_project_to_test_run_and_deploy_from(dists: Dists):
    assert dists.sdist.name == f"briefbot-{bot.__version__}.tar.gz"
    prefix = f"briefbot-{bot.__version__}/"
    with tarfile.open(dists.sdist) as tar:
        names = {member.name.removeprefix(prefix) for member in tar.getmembers() if member.isfile()}
    wanted = {
        name
        for name in dists.files
        if re.match(r"(bot|tests|seeds|deploy|docs|benchmarks|\.ci)/", name)
        or name in {"pyproject.toml", "README.md", "CHANGELOG.md", "dev", ".dockerignore"}
    }
    wanted = {name for name in wanted if "__pycache__" not in name}
    assert not wanted - names, f"missing from the sdist: {sorted(wanted - names)[:10]}"
    unwanted = [
        n
        for n in names
        if re.search(
            r"(^|/)(\.venv|\.git|__pycache__)/|\.sqlite|"
            r"^deploy/briefbot\.env$|^\.env$",
            n,
        )
    ]
    assert not unwanted, unwanted


def wheel_files(wheel: Path) -> set[str]:
    return {n for n in zipfile.ZipFile(wheel).namelist() if not n.endswith(("/RECORD", "/WHEEL"))}


def test_the_image_build_makes_the_same_wheel_as_the_release(dists: Dists, image_wheel: Path):
    # The Dockerfile builds from a few copied files, the release from the sdist: same content,
    # plus the image's native modules (the WHEEL file differs only in its platform tag).
    native = {n for n in wheel_files(image_wheel) if n.endswith(".so")}
    assert wheel_files(image_wheel) - native == wheel_files(dists.wheel)


def test_the_image_wheel_compiles_the_per_document_stages(image_wheel: Path):
    # Each compiled module ships beside its source (the source still fingerprints the cache).
    names = wheel_files(image_wheel)
    for module in compiled_modules():
        stem = module.removesuffix(".py")
        assert module in names
        assert any(n.startswith(stem + ".cpython-") and n.endswith(".so") for n in names), module


def test_the_release_wheel_is_pure_python(dists: Dists):
    # Built without BRIEFBOT_COMPILE, as `pip install .` and editable checkouts are.
    assert not any(n.endswith(".so") for n in wheel_files(dists.wheel))
    assert dists.wheel.name.endswith("-py3-none-any.whl")
