"""merge.Grouping: the merge's first stage grows by documents to what grouping them all gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.compiler.curated import Curated
from bot.compiler.extract import Extraction, LocalEntity, extract
from bot.compiler.merge import Grouping, anchors, merge_entities, merge_grouped

DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_b1e87bea9178cb10.txt"
CURATED = Curated.parse("names: {Tory: Conservative Party}\nmerge: [[Labour, Labour Party]]\n")


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    paths = [*sorted((DATA / "bbc").iterdir()), SEED]
    return [extract(p.name, p.read_text(encoding="utf-8"), "0" * 64) for p in paths]


def _state(grouping: Grouping) -> dict[str, tuple[object, ...]]:
    """What a grouping means, whatever order made it: each cluster's contents by root, and
    every key's root."""
    roots = {key: grouping.union.find(key) for key in grouping.union.parent}
    clusters = {
        root: (
            sorted(c.keys),
            sorted(c.alias_keys),
            sorted(c.surfaces.items()),
            sorted(c.votes.items()),
            sorted(c.titles),
            sorted(c.former),
        )
        for root, c in grouping.clusters.items()
    }
    return {"roots": (sorted(roots.items()),), **clusters}


def _grouped(extractions: list[Extraction]) -> Grouping:
    grouping = Grouping()
    grouping.add(extractions)
    return grouping


@pytest.mark.parametrize("split", [0, 1, 2, 3, 4])
def test_adding_documents_to_a_kept_grouping_equals_grouping_them_all(extractions, split):
    # the added documents in the middle of the order, as a new file's name may sort anywhere
    later = extractions[split : split + 1]
    earlier = extractions[:split] + extractions[split + 1 :]
    kept = Grouping.decode(_grouped(earlier).encode())
    kept.add(later)
    assert _state(kept) == _state(_grouped(extractions))
    cold = merge_entities(extractions, CURATED)
    grown = merge_grouped(kept, [anchors(x.entities) for x in extractions], CURATED)
    assert grown == cold


def test_a_grouping_survives_its_encoding(extractions):
    grouping = _grouped(extractions)
    assert _state(Grouping.decode(grouping.encode())) == _state(grouping)


def test_votes_whose_sums_depend_on_their_order_are_flagged(extractions):
    assert _grouped(extractions).exact
    odd = LocalEntity(["odd thing"], [], {"Odd Thing": 1}, {"other": 0.1}, [])
    grouping = _grouped(extractions)
    grouping.add([Extraction("odd.txt", "0" * 64, [], [odd], [])])
    assert not grouping.exact


def test_a_cluster_is_the_sum_of_its_entities_from_the_first_one_on():
    first = LocalEntity(["jane roe"], ["roe"], {"Jane Roe": 2}, {"person": 1.0}, ["President"])
    second = LocalEntity(["jane roe"], [], {"Jane Roe": 1, "Roe": 1}, {"person": 0.5}, ["MINISTER"])
    documents = [
        Extraction(f"{n}.txt", "0" * 64, [], [e], []) for n, e in enumerate([first, second])
    ]
    alone, both = _grouped(documents[:1]), _grouped(documents)
    assert _state(alone)["jane roe"] == (
        ["jane roe"],
        ["roe"],
        [("Jane Roe", 2)],
        [("person", 1.0)],
        ["president"],
        [],
    )
    assert _state(both)["jane roe"] == (
        ["jane roe"],
        ["roe"],
        [("Jane Roe", 3), ("Roe", 1)],
        [("person", 1.5)],
        ["minister", "president"],
        [],
    )
    assert first.surfaces == {"Jane Roe": 2} and first.titles == ["President"]  # not shared


def test_a_bodys_generic_word_alone_is_no_canonical_name_of_any_kind():
    # "the Commission", linked to the European Commission in one document, is named so more
    # often than in full; still its full name is the entity's, as for a person's surname
    linked = LocalEntity(
        ["european commission"],
        ["commission"],
        {"European Commission": 1, "Commission": 4},
        {"organization": 3.0},
        [],
    )
    entities, _ids, _warnings = merge_entities([Extraction("eu.txt", "0" * 64, [], [linked], [])])
    assert [(e.name, e.kind, e.aliases) for e in entities] == [
        ("European Commission", "organization", ("Commission",))
    ]
    # a short form that is no generic word may be the name itself, its long form a misreading
    misread = LocalEntity(
        ["almighty allah"], ["allah"], {"Almighty Allah": 1, "Allah": 4}, {"other": 3.0}, []
    )
    entities, _ids, _warnings = merge_entities([Extraction("a.txt", "0" * 64, [], [misread], [])])
    assert [e.name for e in entities] == ["Allah"]


def _person(name: str, *, title: str = "", votes: float = 2.0) -> LocalEntity:
    keys = [name.casefold()]
    return LocalEntity(keys, [], {name: 1}, {"person": votes}, [title] if title else [])


def _merged(*documents: list[LocalEntity]) -> dict[str, tuple[str, ...]]:
    extractions = [
        Extraction(f"{n}.txt", "0" * 64, [], entities, []) for n, entities in enumerate(documents)
    ]
    entities, _ids, _warnings = merge_entities(extractions)
    return {e.name: e.aliases for e in entities}


def test_a_lone_given_name_joins_no_one_of_that_surname():
    # "Jason" alone: several people have it for given name, one for surname (David Jason)
    people = [_person("David Jason"), _person("Jason Robinson"), _person("Jason Leonard")]
    merged = _merged(people, [_person("Jason")])
    assert merged["David Jason"] == () and "Jason" in merged
    # a surname that is no one's given name still joins its one full name
    merged = _merged(people, [_person("Robinson")])
    assert merged["Jason Robinson"] == ("Robinson",)
    # one other bearer of the given name leaves the surname's one full name its likeliest owner
    merged = _merged([_person("John Kerry"), _person("Kerry McFadden")], [_person("Kerry")])
    assert merged["John Kerry"] == ("Kerry",)


def test_a_surname_joins_a_full_name_with_a_middle_initial_named_once():
    # "George W. Bush" named once, with no title: a middle initial is a person's name all the
    # same, so the "President Bush" of another document is him
    named_once = _person("George W Bush", votes=0.5)
    merged = _merged([named_once], [_person("Bush", title="President")])
    assert merged["George W Bush"] == ("Bush",)
    # two capitalized words named once could be anything ("Love Lucy"): no candidate
    merged = _merged([_person("Love Lucy", votes=0.5)], [_person("Lucy", title="Mrs")])
    assert merged["Love Lucy"] == () and "Lucy" in merged
