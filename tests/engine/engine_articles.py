"""One invented article as a tiny fact base: each sentence a fact naming the entities it
mentions. Mechanism tests open an engine over it, so each shows one rule and fails without it."""

from __future__ import annotations

from pathlib import Path

from bot import factbase
from bot.engine import Engine
from bot.factbase import Entity, Fact, FactBase, Relation, Source


def open_article(
    root: Path,
    slug: str,
    title: str,
    sentences: list[str],
    entities: list[Entity],
    relations: dict[int, tuple[Relation, ...]] | None = None,
) -> Engine:
    """`relations`: what the compiler would record, by sentence number."""
    seeds, knowledge = root / "seeds", root / "knowledge"
    seeds.mkdir()
    text = title + "\n\n" + " ".join(sentences) + "\n"
    (seeds / f"{slug}.txt").write_text(text, encoding="utf-8")
    base = _base(slug, title, text, sentences, entities, relations or {})
    factbase.save(base, knowledge, seeds)
    return Engine.open(knowledge, seeds)


def _base(
    slug: str,
    title: str,
    text: str,
    sentences: list[str],
    entities: list[Entity],
    relations: dict[int, tuple[Relation, ...]],
) -> FactBase:
    source = Source(slug, f"{slug}.txt", title, 0, len(text))
    facts = []
    for n, sentence in enumerate(sentences):
        at = text.index(sentence)
        named = tuple(e.id for e in entities if any(a in sentence for a in (e.name, *e.aliases)))
        facts.append(
            Fact(
                f"{slug}-{n}",
                source.id,
                at,
                at + len(sentence),
                sentence,
                sentence,
                named,
                relations=relations.get(n, ()),
            )
        )
    return FactBase([source], entities, facts)


def answer(engine: Engine, question: str) -> str:
    reply = engine.answer(question)
    assert reply.kind == "answer", (question, reply.notice, [r.excerpt for r in reply.related])
    return reply.answers[0].excerpt


def abstains(engine: Engine, question: str) -> bool:
    return engine.answer(question).kind != "answer"
