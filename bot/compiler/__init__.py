"""The knowledge compiler: documents in seeds/ -> the reviewable fact base knowledge/facts.yaml.

Stages, one module each: reading (files, bad input) -> cleaning + segment (page furniture,
articles, headings, captions) -> sentences -> entities (mentions) -> relations, dates ->
extract (one document, cached by cache) -> merge (entities across documents, ids) -> pipeline.
"""

from bot.compiler.pipeline import CompileReport, CompileResult, compile_folder

__all__ = ["CompileReport", "CompileResult", "compile_folder"]
