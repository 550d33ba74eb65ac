"""The knowledge compiler: documents in seeds/ -> the reviewable fact base knowledge/facts.yaml.

Stages, one module each: reading (files, bad input) -> cleaning + segment (page furniture,
articles, headings, captions) -> sentences -> entities (mentions) -> relations, dates ->
extract (one document, cached by cache) -> merge (entities across documents, ids) -> pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.compiler.pipeline import CompileReport, CompileResult, compile_folder

__all__ = ["CompileReport", "CompileResult", "compile_folder"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the engine reads only the gazetteer (bot.compiler.gazetteer), and
    # importing the whole compiler with it would cost every bot start ~70 ms.
    if name in __all__:
        from bot.compiler import pipeline  # noqa: PLC0415

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
