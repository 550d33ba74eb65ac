"""The answer engine: text in, Reply out, quoting only facts from the fact base."""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from bot.engine import commands
from bot.engine.index import FactRow, Index, ensure_index
from bot.engine.names import EntityInfo, Mention, Names
from bot.engine.query import Query, parse
from bot.engine.rank import Ranker, Ranking
from bot.engine.spell import Speller
from bot.engine.text import STOPWORDS, WORD, fold, key
from bot.factbase import FactBase
from bot.reply import Citation, Reply

log = logging.getLogger("briefbot.engine")

FACTS_PER_ENTITY = 400
# "J&J", "P&G", "AT&T": capital initials joined by "&", each standing for a capitalised word
AMPERSAND_INITIALS = re.compile(r"\b[A-Z]{1,3}(?:&[A-Z]{1,3})+\b")


# "Who leads X?", "Who led X?" ("Who is the leader of X?" may ask a leader of its own: the
# leader of a place's party or movement the story names)
LEADS = re.compile(
    r"^\s*who\s+(?:leads|heads|rules|governs|(?P<past>led|headed|ruled|governed))"
    r"\s+(?P<place>[^?]+?)\s*\??\s*$",
    re.IGNORECASE,
)
HEAD_TITLES = ("president", "prime minister")  # what heads a country, as titles write it


class Engine:
    """Answers over one compiled fact base. Open with `Engine.open`; `answer` never raises."""

    def __init__(self, index: Index, version: str, seeds_dir: Path | None = None) -> None:
        self.index = index
        self.version = version
        self.seeds_dir = seeds_dir
        self.names = Names(index.conn)
        self.sources_list = index.sources()
        self._sources = {i: (title, path) for i, title, path, _n in self.sources_list}
        self.ranker = Ranker(index, self.names)
        self.speller = Speller(index.conn)
        self._known = lru_cache(maxsize=4096)(self._known_uncached)
        # The names of the last text looked up: a message of keywords is read for a bare
        # name, then ranked, with the same text (the name lookup is a tenth of an answer).
        self._last_mentions: tuple[str, tuple[Mention, ...]] = ("", ())

    @classmethod
    def open(
        cls,
        knowledge_dir: Path,
        seeds_dir: Path | None = None,
        *,
        base: FactBase | None = None,
    ) -> Engine:
        """Open the index of knowledge_dir/facts.yaml, building or refreshing it first if stale.

        Pass `base` when the caller holds the fact base facts.yaml was just saved from (the
        compiler's result on a reload): a rebuild then indexes it without re-reading the YAML.
        """
        path, version = ensure_index(Path(knowledge_dir), base)
        return cls(Index(path), version, seeds_dir)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def counts(self) -> dict[str, int]:
        return {
            "sources": len(self.sources_list),
            "entities": len(self.names.entities),
            "facts": self.index.fact_count,
        }

    # --- the one entry point ------------------------------------------------------------

    def answer(self, text: str) -> Reply:
        raw = text if isinstance(text, str) else str(text)
        try:
            return self._answer(parse(raw))
        except Exception:  # a bug must cost one reply, never the bot
            log.exception("failed to answer %r", raw[:200])
            return Reply(
                raw[:1000],
                "error",
                notice="Something went wrong answering that. Try rephrasing, or /help.",
            )

    def _answer(self, query: Query) -> Reply:
        if query.command is not None:
            return commands.dispatch(self, query.command, query.argument, query.text)
        if not any(_lookable(fold(w)) for w in WORD.findall(query.text)) and not (
            self._letters_naming(query.text)
        ):
            example = self.example_name()
            hint = f" — for example “{example}” or /brief {example}" if example else ""
            shown = "That" if query.text else "An empty message"
            return Reply(
                query.text,
                "error",
                notice=f"{shown} has no words to look up. Ask a question in plain words"
                f"{hint}, or type /help.",
            )
        entity = self._bare_name(query)
        if entity is not None:
            return commands.entity_brief(self, entity, query.text, "brief")
        if query.spoken is not None:
            command, argument = query.spoken
            if self.names.lookup(argument) is not None:
                return commands.dispatch(self, command, argument, query.text)
        return self._question(query)

    def _head_of_place(self, query: Query) -> Ranking | None:
        """ "Who leads Uzbekistan?": a country is led by its president or prime minister,
        whose title the documents write ("President Mirziyoyev"), not "leads"; asked of a
        place and unanswered as worded, the question is asked of each head's title."""
        asked = LEADS.match(query.text)
        if asked is None:
            return None
        place = asked.group("place")
        mentions = self._mentions(place)
        if len(mentions) != 1 or mentions[0].text != place.removeprefix("the ").strip():
            return None
        info = self.names.entities.get(mentions[0].entity_ids[0])
        if info is None or info.kind != "place":
            return None
        copula = "was" if asked.group("past") else "is"
        for title in HEAD_TITLES:
            ranking = self.rank(f"Who {copula} {place}'s {title}?")
            if ranking.answers:
                return ranking
        return None

    def _letters_naming(self, text: str) -> bool:
        """Whether letters alone spell a name ("IS-K"); "u" or "ü" alone name nothing."""
        return any(w not in STOPWORDS for w in map(fold, WORD.findall(text))) and bool(
            self.names.find(text)
        )

    def _bare_name(self, query: Query) -> EntityInfo | None:
        """A message that is only a name ("KIB", "tokaev") is a request for its briefing."""
        if query.qtype != "keywords" or len(query.text) > 80:
            return None
        mentions = self._mentions(query.text)
        covered = {n for m in mentions for n in range(m.start, m.end)}
        tokens = WORD.findall(query.text)
        rest = [w for n, w in enumerate(tokens) if n not in covered and fold(w) not in STOPWORDS]
        if len(mentions) == 1 and not rest:
            return self.names.entities.get(mentions[0].entity_ids[0])
        return None

    def _question(self, query: Query) -> Reply:
        ranking = self.rank(query.text, query)
        if not ranking.answers:
            ranking = self._head_of_place(query) or ranking
        related = tuple(self.cite(s.fact, s.score) for s in ranking.related)
        if ranking.answers:
            return Reply(
                query.text,
                "answer",
                answers=tuple(self.cite(s.fact, s.score) for s in ranking.answers),
                related=related,
                extra={"truncated": query.truncated} if query.truncated else {},
            )
        return Reply(
            query.text, "no_answer", notice=self._no_answer_notice(ranking), related=related
        )

    def _no_answer_notice(self, ranking: Ranking) -> str:
        if not ranking.scored:
            return "The documents do not mention that."
        if ranking.mentions:
            # a name asked twice ("Mamatov ... Mamatov?") is told once
            names = ", ".join(
                dict.fromkeys(
                    self.names.entities[m.entity_ids[0]].name
                    for m in ranking.mentions
                    if m.entity_ids[0] in self.names.entities
                )
            )
            return f"The documents mention {names} but do not answer that question."
        return "The documents do not answer that question."

    # --- helpers used by the commands -----------------------------------------------------

    def rank(self, text: str, query: Query | None = None) -> Ranking:
        query = query or parse(text)
        spelled = self._spell_out_initials(query.focus)
        if spelled != query.focus:
            log.debug("read %r as %r", query.focus, spelled)
            query = parse(spelled)
        mentions = self._mentions(query.focus)
        in_names = {n for m in mentions for n in range(m.start, m.end)}
        fixed = self.speller.fix(query.focus, in_names, self.known)
        if fixed != query.focus:
            log.debug("read %r as %r", query.focus, fixed)
            query = parse(fixed)
            mentions = self._mentions(query.focus)
        return self.ranker.rank(query, mentions)

    def _mentions(self, text: str) -> list[Mention]:
        """The entities `text` names, fuzzy matches included (Names.find)."""
        last_text, found = self._last_mentions
        if text != last_text or not text:
            found = tuple(self.names.find(text, self.known))
            self._last_mentions = (text, found)
        return list(found)

    def _spell_out_initials(self, text: str) -> str:
        """ "J&J" -> "Johnson & Johnson" when the documents write a name with those initials.

        Headlines shorten such names; the facts spell them out, and names match words.
        """
        return AMPERSAND_INITIALS.sub(lambda m: self._full_name(m.group()) or m.group(), text)

    def _full_name(self, initials: str) -> str:
        groups = initials.split("&")
        pattern = re.compile(
            r"\b"
            + r"\s*&\s*".join(r"\s+".join(rf"{c}[a-z]+" for c in group) for group in groups)
            + r"\b"
        )
        found: Counter[str] = Counter()
        for (excerpt,) in self.index.rows(
            "SELECT excerpt FROM facts WHERE excerpt LIKE '%&%' LIMIT 2000"
        ):
            found.update(" ".join(m.split()) for m in pattern.findall(excerpt))
        return found.most_common(1)[0][0] if found else ""

    def known(self, word: str) -> bool:
        return self._known(word)

    def _known_uncached(self, word: str) -> bool:
        return bool(self.index.document_frequencies([key(word)]))

    def cite(self, fact: FactRow, score: float) -> Citation:
        title, path = self._sources.get(fact.source, (fact.source, ""))
        names = tuple(
            self.names.entities[e].name for e in fact.entities if e in self.names.entities
        )
        return Citation(
            fact_id=fact.id,
            statement=fact.statement,
            excerpt=fact.excerpt,
            score=score,
            start=fact.start,
            end=fact.end,
            entities=names,
            source_id=fact.source,
            source_title=title,
            source_path=path,
            date=fact.date,
        )

    def source_title(self, source_id: str) -> str:
        return self._sources.get(source_id, (source_id, ""))[0]

    def facts_about(self, entity: EntityInfo) -> list[FactRow]:
        """The facts tagged with the entity, in reading order (bounded)."""
        ordinals = self.index.facts_of_entities([entity.id], FACTS_PER_ENTITY)
        ordinals += self.index.facts_with_relations([entity.id], None, 100)
        return sorted(self.index.facts(ordinals), key=lambda f: f.ordinal)

    def quotes_of(self, entity: EntityInfo) -> list[FactRow]:
        rows = self.index.rows(
            "SELECT fact FROM relations WHERE subject = ? AND type = 'quote' LIMIT 50", [entity.id]
        )
        facts = self.index.facts(r[0] for r in rows)
        if not facts:  # no quote relation: quoted words in a fact naming the entity
            facts = [
                f
                for f in self.facts_about(entity)
                if f.kind == "quote" or any(q in f.excerpt for q in ("“", '"', "«"))
            ]
            facts = [f for f in facts if entity.id in f.entities]
        return sorted(facts, key=lambda f: (f.date or "9999", f.ordinal))

    def example_name(self) -> str:
        """A name to show in hints: the entity the documents mention most."""
        if not self.names.entities:
            return ""
        best = max(self.names.entities.values(), key=lambda e: (e.facts, e.id))
        short = [a for a in best.aliases if a.isupper() and 1 < len(a) <= 8]
        return short[0] if short else best.name


def _lookable(word: str) -> bool:
    """A word worth looking up: no stopword, and no letter alone ("u" is the "U" of "U.S.",
    which every story about America holds)."""
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())
