"""What the deployment checks share: where things are, and a small Dockerfile reader.

The reader understands just what deploy/Dockerfile uses (continuation lines, comments,
ARG/ENV key=value pairs, exec-form JSON arrays), so the tests can run what the image runs.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata as metadata
import json
import re
import shlex
import subprocess
import zipfile
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
K8S = DEPLOY / "k8s"
COMPOSE = DEPLOY / "compose.yaml"
ENV_EXAMPLE = DEPLOY / "briefbot.env.example"

# A Telegram bot token: a numeric bot id, a colon, then 35 URL-safe characters.
TOKEN_PATTERN = re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}\b")


@dataclass
class Instruction:
    keyword: str
    args: str

    def exec_form(self) -> list[str]:
        """The JSON array of an exec-form instruction (ENTRYPOINT, CMD, HEALTHCHECK's CMD)."""
        value = json.loads(self.args)
        assert isinstance(value, list) and all(isinstance(part, str) for part in value)
        return value


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction:
        found = self.all(keyword)
        assert found, f"stage {self.name or self.base} has no {keyword}"
        return found[-1]

    def env(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for instruction in self.all("ENV"):
            values.update(pairs(instruction.args))
        return values


@dataclass
class Dockerfile:
    global_args: dict[str, str]
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    def resolve(self, text: str) -> str:
        return re.sub(
            r"\$\{?(\w+)\}?", lambda m: self.global_args.get(m.group(1), m.group(0)), text
        )


def instructions(text: str) -> list[Instruction]:
    logical: list[str] = []
    pending = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not pending):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        logical.append(pending + stripped)
        pending = ""
    if pending:
        logical.append(pending)
    result = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        result.append(
            Instruction(
                keyword.upper(),
                " ".join(args.split()) if not args.lstrip().startswith("[") else args.strip(),
            )
        )
    return result


def pairs(args: str) -> dict[str, str]:
    """KEY=VALUE pairs of ENV/ARG (the only form deploy/Dockerfile uses)."""
    values = {}
    for word in shlex.split(args):
        key, sep, value = word.partition("=")
        assert sep, f"ENV/ARG without '=': {word!r}"
        values[key] = value
    return values


def read_dockerfile(path: Path = DOCKERFILE) -> Dockerfile:
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for instruction in instructions(path.read_text(encoding="utf-8")):
        if instruction.keyword == "FROM":
            words = instruction.args.split()
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=words[0], name=name))
        elif not stages and instruction.keyword == "ARG":
            global_args.update(pairs(instruction.args))
        elif stages:
            stages[-1].instructions.append(instruction)
    return Dockerfile(global_args, stages)


def healthcheck_command(stage: Stage) -> list[str]:
    args = stage.last("HEALTHCHECK").args
    _, sep, command = args.partition("CMD ")
    assert sep, "HEALTHCHECK must give a CMD"
    return Instruction("CMD", command.strip()).exec_form()


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path
    files: tuple[str, ...]  # the project files they were built from (others may add more since)


def project_files() -> list[str]:
    """Tracked files plus new ones not yet ignored: what a commit of this tree would hold."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [name for name in listed if (REPO / name).is_file()]


@dataclass(frozen=True)
class Installed:
    """A fresh virtual environment with the built wheel installed (see conftest.installed)."""

    venv: Path
    bin: Path
    python: Path


def dependency_closure(requirements: list[str]) -> dict[str, metadata.Distribution]:
    """Distributions of this environment that `requirements` need, transitively (no extras)."""
    found: dict[str, metadata.Distribution] = {}
    pending = list(requirements)
    while pending:
        requirement = Requirement(pending.pop())
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        key = requirement.name.lower().replace("_", "-")
        if key in found:
            continue
        distribution = metadata.distribution(requirement.name)
        assert requirement.specifier.contains(distribution.version, prereleases=True), (
            f"{requirement} wanted, this environment has {distribution.version}"
        )
        found[key] = distribution
        pending += distribution.requires or []
    return found


def wheel_metadata(wheel: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        message = Parser().parsestr(archive.read(name).decode("utf-8"))
    return {key: message.get_all(key) or [] for key in set(message.keys())}


def wheel_requirements(wheel: Path) -> list[str]:
    """The wheel's Requires-Dist without the optional extras."""
    return [r for r in wheel_metadata(wheel).get("Requires-Dist", []) if "extra ==" not in r]


def dockerignore_excludes(patterns: list[str], path: str) -> bool:
    """Docker's rule: the last matching pattern wins; '!' re-includes."""
    excluded = False
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        negate = pattern.startswith("!")
        glob = pattern.removeprefix("!").rstrip("/").replace("**/", "*")
        if any(fnmatch.fnmatchcase(prefix, glob) for prefix in prefixes):
            excluded = not negate
    return excluded


def dockerignore() -> list[str]:
    lines = (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def compiled_modules() -> list[str]:
    """setup.py's COMPILED_MODULES, read without running setup.py."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        named = getattr(node.targets[0], "id", "") if isinstance(node, ast.Assign) else ""
        if named == "COMPILED_MODULES":
            return list(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED_MODULES list")
