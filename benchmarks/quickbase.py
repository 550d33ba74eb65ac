"""A cheap fact base from plain text, for benchmarks: regex sentences, capitalised-word entities.

It stands in for the compiler where only size and shape matter (index and query speed), so
it is fast and crude: every sentence of six words or more becomes a fact, every run of
capitalised words an entity, "Long Form (LF)" an alias.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.engine.text import word_set
from bot.factbase import Entity, Fact, FactBase, Source

SENTENCE = re.compile(r"[^.!?\n]+(?:(?<=\b(?:Mr|Ms|Dr|St|Jr|vs))\.[^.!?\n]+)*[.!?]+[\"”’)]?")
NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:of\s+|al[- ]|the\s+|de\s+|bin\s+)?[A-Z][\w’'-]+)*")
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9-]{1,9})\)")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
INITIAL_WORDS = word_set(
    "The A An In On At But And As It He She They This That We I If For "
    "When While After Before Since Mr Ms"
)


def read_tar(path: Path, limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(member name, text) of the text files in a .tar.gz, read without unpacking."""
    with tarfile.open(path, "r:gz") as archive:
        count = 0
        for member in archive:
            if not member.isfile():
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            yield member.name, handle.read().decode("utf-8", "replace")
            count += 1
            if limit is not None and count >= limit:
                return


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "x"


def build(documents: Iterable[tuple[str, str]], max_facts: int) -> tuple[FactBase, dict[str, str]]:
    """A FactBase of at most `max_facts` facts, and the texts by path (to write as seeds)."""
    sources: list[Source] = []
    entities: dict[str, Entity] = {}
    facts: list[Fact] = []
    texts: dict[str, str] = {}
    for path, text in documents:
        if len(facts) >= max_facts:
            break
        title = next((line.strip() for line in text.splitlines() if line.strip()), path)[:200]
        source = Source(f"s{len(sources):05d}", path, title, 0, len(text))
        sources.append(source)
        texts[path] = text
        for match in SENTENCE.finditer(text):
            excerpt = match.group().strip()
            if len(excerpt.split()) < 6:
                continue
            start = match.start() + match.group().index(excerpt)
            ids = _entities(excerpt, entities)
            year = YEAR.search(excerpt)
            facts.append(
                Fact(
                    f"f{len(facts):07d}",
                    source.id,
                    start,
                    start + len(excerpt),
                    excerpt,
                    excerpt,
                    tuple(ids),
                    year.group(1) if year else None,
                )
            )
            if len(facts) >= max_facts:
                break
    return FactBase(sources, list(entities.values()), facts), texts


def _entities(sentence: str, entities: dict[str, Entity]) -> list[str]:
    ids: list[str] = []
    for match in NAME.finditer(sentence):
        name = match.group()
        first, _, rest = name.partition(" ")
        if first in INITIAL_WORDS:
            if not rest:
                continue
            name = rest
        entity_id = slug(name)
        acronym = ACRONYM_AFTER.match(sentence, match.end())
        if entity_id not in entities:
            aliases = (acronym.group(1),) if acronym else ()
            kind = "organization" if acronym else "other"
            entities[entity_id] = Entity(entity_id, name, kind, aliases)
        if entity_id not in ids:
            ids.append(entity_id)
    return ids
