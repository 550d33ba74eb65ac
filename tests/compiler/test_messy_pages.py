"""Captured pages built from real articles wrapped in different sites' furniture.

The pages and their expectations are made by data/messy/make_pages.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bot.compiler import compile_folder

MESSY = Path(__file__).resolve().parent / "data" / "messy"
PAGES = sorted(path.stem for path in MESSY.glob("*.txt"))


def furniture_spans(text: str, furniture: list[str]) -> list[tuple[int, int]]:
    spans = []
    for line in furniture:
        for match in re.finditer(rf"(?m)^{re.escape(line)}(?=\r?$)", text):
            spans.append(match.span())
    return spans


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("messy")
    seeds = root / "seeds"
    seeds.mkdir()
    for name in PAGES:
        shutil.copy(MESSY / f"{name}.txt", seeds / f"{name}.txt")
    result = compile_folder(seeds, root / "knowledge")
    assert result.report.ok
    return result.base


def test_there_are_pages_of_one_two_and_three_articles():
    counts = {len(json.loads((MESSY / f"{n}.json").read_text("utf-8"))["titles"]) for n in PAGES}
    assert {1, 2, 3} <= counts


@pytest.mark.parametrize("name", PAGES)
def test_each_article_is_found_whole_and_only_its_text_gives_facts(compiled, name):
    expected = json.loads((MESSY / f"{name}.json").read_text("utf-8"))
    text = (MESSY / f"{name}.txt").read_bytes().decode("utf-8")
    sources = [s for s in compiled.sources if s.path == f"{name}.txt"]
    assert [s.title for s in sources] == expected["titles"]
    furniture = furniture_spans(text, expected["furniture"])
    assert furniture
    for source, first, last in zip(sources, expected["firsts"], expected["lasts"], strict=True):
        facts = [f for f in compiled.facts if f.source == source.id]
        assert any(f.excerpt.startswith(first) for f in facts), first
        assert any(f.excerpt.endswith(last) for f in facts), last
        assert text[source.start : source.end].endswith(last)
        for fact in facts:
            assert text[fact.start : fact.end] == fact.excerpt
            assert source.start <= fact.start and fact.end <= source.end
            assert not any(s < fact.end and fact.start < e for s, e in furniture), fact.excerpt
            assert fact.section not in expected["furniture"]


def test_the_byline_date_dates_each_source_and_resolves_relative_dates(compiled):
    undated = ("bare_titles.txt", "wire_page_crlf.txt")  # articles with no byline, no date
    bylined = [s for s in compiled.sources if s.path not in undated]
    assert bylined and all(source.date for source in bylined)
    (source,) = [s for s in compiled.sources if s.path == "one_article.txt"]
    assert source.date == "2022-05-12"  # "Published 12 May 2022"
    said = next(f for f in compiled.facts if f.source == source.id and "last month" in f.excerpt)
    assert said.date == "2022-04"
    (afghan,) = [s for s in compiled.sources if s.title == "An Afghan Homecoming"]
    assert afghan.date == "2021-03-01"  # "Updated: Monday, March 1, 2021 10:32 GMT"


def test_a_byline_date_with_no_break_spaces_dates_the_article(compiled):
    (source, _) = [s for s in compiled.sources if s.path == "wire_page_crlf.txt"]
    assert source.date == "2021-03-04"  # "Published 4\xa0March\xa02021"
