"""Optional native build of the compiler's hot modules (everything else is in pyproject.toml).

`BRIEFBOT_COMPILE=1` compiles the per-document extraction stages and the cross-document
merge with mypyc: the same source, type-checked and turned into C extensions, measured ~1.3x
faster on the BBC corpus with byte-identical output (benchmarks/README.md). Off by default,
so an editable checkout always runs the .py files you edit; the container image turns it on.
"""

import os

from setuptools import setup

# The stages that run once per document, and the merge (grouping every document's entities,
# assembling every fact: ~0.36 -> ~0.26 s CPU of a cold BBC compile); the rest of the package
# gains nothing measurable, or is what tests patch.
COMPILED_MODULES = [
    "bot/compiler/cleaning.py",
    "bot/compiler/dates.py",
    "bot/compiler/entities.py",
    "bot/compiler/extract.py",
    "bot/compiler/gazetteer.py",
    "bot/compiler/merge.py",
    "bot/compiler/relations.py",
    "bot/compiler/segment.py",
    "bot/compiler/sentences.py",
]


def native_extensions() -> list:
    if os.environ.get("BRIEFBOT_COMPILE", "") != "1":
        return []
    try:
        from mypyc.build import mypycify  # noqa: PLC0415 - only this build needs mypy and a C compiler
    except ImportError:
        raise SystemExit(
            "BRIEFBOT_COMPILE=1 needs mypy in the build environment: "
            "pip install 'setuptools>=77' mypy types-PyYAML, then pip install --no-build-isolation ."
        ) from None

    return mypycify(COMPILED_MODULES, opt_level="3", group_name="briefbot_native")


setup(ext_modules=native_extensions())
