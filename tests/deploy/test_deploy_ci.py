"""CI installs what the suite needs: .ci/run calls ./dev test, which installs '.[dev]'."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib

from deploy_support import REPO, dependency_closure

TESTS = REPO / "tests"


def test_ci_runs_the_self_installing_dev_script():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\./dev test\b", ci, re.MULTILINE)
    dev = (REPO / "dev").read_text(encoding="utf-8")
    assert "-m venv" in dev and "pip install" in dev and '".[dev]"' in dev


def imported_top_level_modules() -> dict[str, str]:
    """Every absolute import in tests/ → one file that makes it (for the message)."""
    found: dict[str, str] = {}
    for path in TESTS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(REPO)))
    return found


def local_modules() -> set[str]:
    local = {"bot", "tests", "conftest"}
    local |= {p.stem for p in TESTS.rglob("*.py")}
    local |= {p.name for p in TESTS.rglob("*") if p.is_dir()}
    return local


def test_every_third_party_import_of_the_suite_is_a_declared_dependency():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    requirements = [*project["dependencies"], *extras["test"], *extras["dev"]]
    requirements = [r for r in requirements if not r.startswith("briefbot")]
    declared = set(dependency_closure(requirements))
    providers = metadata.packages_distributions()
    undeclared = {}
    for module, where in imported_top_level_modules().items():
        if module in sys.stdlib_module_names or module in local_modules():
            continue
        dists = {d.lower().replace("_", "-") for d in providers.get(module, [])}
        if not dists & declared:
            undeclared[module] = where
    assert not undeclared, f"imported by tests but not installed by '.[dev]': {undeclared}"
