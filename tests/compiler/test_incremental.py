"""Incremental compiles: the snapshot of the last compile must never change what is compiled.

Every test compares an incremental compile's facts.yaml with a cold compile (no cache) of the
same folder: the snapshot may only save time.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from bot import factbase
from bot.compiler import cache, compile_folder, pipeline
from bot.compiler.cache import SNAPSHOT_FILE, DocumentRecord, Snapshot
from bot.compiler.extract import Extraction, FactDraft
from bot.compiler.merge import Grouping, document_fact_rows

DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_b1e87bea9178cb10.txt"
AN_HOUR = 3600 * 10**9


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", folder)
    _age(folder)
    return folder


def _age(folder: Path) -> None:
    """Date the files an hour back: a file modified within the last moments is re-hashed
    anyway (its stamp could hide a change), which would hide what these tests look for."""
    past = time.time_ns() - AN_HOUR
    for path in folder.iterdir():
        os.utime(path, ns=(past, past))


def _cold(seeds: Path, tmp_path: Path) -> bytes:
    knowledge = tmp_path / f"cold-{time.perf_counter_ns()}"
    compile_folder(seeds, knowledge, use_cache=False)
    return (knowledge / factbase.FACTS_FILE).read_bytes()


def _facts(knowledge: Path) -> bytes:
    return (knowledge / factbase.FACTS_FILE).read_bytes()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents each compile reads from disk."""
    seen: list[str] = []
    original = pipeline.read_document

    def counting(seeds_dir: Path, name: str, **options):  # type: ignore[no-untyped-def]
        seen.append(name)
        return original(seeds_dir, name, **options)

    monkeypatch.setattr(pipeline, "read_document", counting)
    return seen


def test_unchanged_documents_are_not_read_again(seeds, tmp_path, reads):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    assert len(reads) == 3
    reads.clear()
    again = compile_folder(seeds, knowledge)
    assert reads == []
    assert again.report.cached == 3
    assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_adding_a_document_reads_only_that_one_and_equals_a_cold_compile(seeds, tmp_path, reads):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    shutil.copy(SEED, seeds / SEED.name)
    reads.clear()
    result = compile_folder(seeds, knowledge)
    assert reads == [SEED.name]
    assert result.report.cached == 3
    assert _facts(knowledge) == _cold(seeds, tmp_path)
    assert factbase.to_yaml(result.base).encode() == _facts(knowledge)


def test_changed_and_removed_documents(seeds, tmp_path):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    (seeds / "politics_010.txt").write_text(
        "Changed Title Line\n\nThe Scottish Parliament met in Edinburgh, said Jack McConnell.\n"
    )
    assert compile_folder(seeds, knowledge).report.cached == 2
    assert _facts(knowledge) == _cold(seeds, tmp_path)
    (seeds / "business_003.txt").unlink()
    assert compile_folder(seeds, knowledge).report.documents == 2
    assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_a_change_that_keeps_size_and_mtime_is_caught_while_the_file_is_fresh(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds, copy_function=shutil.copy)  # written now: racy
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    path = seeds / "politics_249.txt"
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    changed = text.replace("Michael Howard", "Michael Hovard", 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    compile_folder(seeds, knowledge)
    assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_new_entity_ids_reassemble_unchanged_documents(seeds, tmp_path, reads):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    # a curated canonical name changes an entity's id in documents that did not change
    (knowledge / factbase.CURATED_FILE).write_text("names: {Tory: Conservative Party}\n")
    reads.clear()
    result = compile_folder(seeds, knowledge)
    assert reads  # the documents mentioning it were read again to re-assemble their facts
    assert any(e.name == "Conservative Party" for e in result.base.entities)
    cold = tmp_path / "cold"
    cold.mkdir()
    shutil.copy(knowledge / factbase.CURATED_FILE, cold)
    compile_folder(seeds, cold, use_cache=False)
    assert _facts(knowledge) == _facts(cold)


def test_a_damaged_snapshot_is_ignored(seeds, tmp_path):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    (knowledge / ".cache" / SNAPSHOT_FILE).write_bytes(b"\x00not marshal")
    result = compile_folder(seeds, knowledge)
    assert result.report.ok
    assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_dry_run_compiles_from_the_snapshot_too(seeds, tmp_path):
    knowledge = tmp_path / "k"
    first = compile_folder(seeds, knowledge)
    again = compile_folder(seeds, knowledge, write=False)
    assert not again.report.written
    assert factbase.to_yaml(again.base) == factbase.to_yaml(first.base)


def test_validate_trusts_verified_sources_without_reading_them(seeds, tmp_path):
    knowledge = tmp_path / "k"
    base = compile_folder(seeds, knowledge).base
    gone = base.sources[0].path
    (seeds / gone).unlink()
    assert factbase.validate(base, seeds)  # the file is missing: a problem
    assert factbase.validate(base, seeds, verified=[gone]) == []


def test_a_facts_file_changed_since_the_snapshot_is_not_cut_into_pieces(seeds, tmp_path):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    facts = knowledge / factbase.FACTS_FILE
    facts.write_text(facts.read_text(encoding="utf-8").replace("- id: ", "- id:  "))
    shutil.copy(SEED, seeds / SEED.name)
    compile_folder(seeds, knowledge)
    assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_a_symlinked_document_keeps_the_pieces_in_order(seeds, tmp_path):
    knowledge = tmp_path / "k"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (seeds / "politics_249.txt").rename(outside / "politics_249.txt")
    (seeds / "a_link.txt").symlink_to(seeds / "business_003.txt")
    (seeds / "politics_249.txt").symlink_to(seeds / "politics_010.txt")
    compile_folder(seeds, knowledge)
    shutil.copy(SEED, seeds / SEED.name)
    compile_folder(seeds, knowledge)
    assert _facts(knowledge) == _cold(seeds, tmp_path)


@pytest.fixture
def merges(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many documents each cross-document merge a compile runs was given."""
    seen: list[int] = []
    original = pipeline.merge_grouped

    def counting(grouping, documents, curated=None):  # type: ignore[no-untyped-def]
        seen.append(len(documents))
        return original(grouping, documents, curated)

    monkeypatch.setattr(pipeline, "merge_grouped", counting)
    return seen


def test_an_unchanged_folder_reuses_the_merge_and_leaves_facts_yaml_alone(seeds, tmp_path, merges):
    knowledge = tmp_path / "k"
    first = compile_folder(seeds, knowledge)
    written = os.stat(knowledge / factbase.FACTS_FILE)
    assert merges == [3]
    again = compile_folder(seeds, knowledge)
    assert merges == [3]
    assert again.report.written
    assert os.stat(knowledge / factbase.FACTS_FILE).st_mtime_ns == written.st_mtime_ns
    assert _facts(knowledge) == _cold(seeds, tmp_path)
    assert factbase.to_yaml(again.base) == factbase.to_yaml(first.base)
    assert (
        again.report.summary_line().split(" in ")[0] == first.report.summary_line().split(" in ")[0]
    )


def test_a_touched_but_unchanged_document_reuses_the_merge(seeds, tmp_path, merges, reads):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    os.utime(seeds / "politics_010.txt")  # read and hashed again: same content
    reads.clear()
    compile_folder(seeds, knowledge)
    assert reads == ["politics_010.txt"]
    assert merges == [3]
    assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_adding_removing_or_changing_a_document_merges_again(seeds, tmp_path, merges):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    changes = [
        lambda: shutil.copy(SEED, seeds / SEED.name),
        (seeds / SEED.name).unlink,
        lambda: (seeds / "politics_010.txt").write_text(
            "Changed\n\nJack McConnell met Tony Blair.\n"
        ),
    ]
    for change in changes:
        change()
        merges.clear()
        compile_folder(seeds, knowledge)
        assert len(merges) == 1
        assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_an_edited_facts_file_is_rewritten_even_when_nothing_else_changed(seeds, tmp_path):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    facts = knowledge / factbase.FACTS_FILE
    expected = facts.read_bytes()
    facts.write_text(facts.read_text(encoding="utf-8").replace("kind: person", "kind: place"))
    compile_folder(seeds, knowledge)
    assert facts.read_bytes() == expected
    facts.unlink()
    compile_folder(seeds, knowledge)
    assert facts.read_bytes() == expected


def test_a_changed_curated_file_merges_again(seeds, tmp_path, merges):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    (knowledge / factbase.CURATED_FILE).write_text("drop: [Tory]\n")
    result = compile_folder(seeds, knowledge)
    assert merges == [3, 3]
    assert not any(e.name == "Tory" for e in result.base.entities)


def test_an_added_document_is_grouped_onto_the_kept_grouping(seeds, tmp_path, monkeypatch):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    grouped: list[list[str]] = []
    original = Grouping.add

    def spy(self: Grouping, extractions: list[Extraction]) -> None:
        grouped.append([x.path for x in extractions])
        original(self, extractions)

    monkeypatch.setattr(Grouping, "add", spy)
    monkeypatch.setattr(pipeline, "PENDING_LIMIT", 2)
    shutil.copy(SEED, seeds / SEED.name)
    compile_folder(seeds, knowledge)
    assert grouped == [[SEED.name]]
    assert _facts(knowledge) == _cold(seeds, tmp_path)
    # documents added since the grouping was last encoded are added again from their records,
    # up to PENDING_LIMIT of them; past that, the grouping is encoded again
    for name, expected in [
        ("z1.txt", [SEED.name, "z1.txt"]),
        ("z2.txt", [SEED.name, "z1.txt", "z2.txt"]),
        ("z3.txt", ["z3.txt"]),
    ]:
        shutil.copy(seeds / "politics_010.txt", seeds / name)
        grouped.clear()
        compile_folder(seeds, knowledge)
        assert grouped == [expected]
        assert _facts(knowledge) == _cold(seeds, tmp_path)
    grouped.clear()
    (seeds / "politics_010.txt").unlink()  # a removal cannot be taken out: all grouped again
    compile_folder(seeds, knowledge)
    assert [len(g) for g in grouped] == [len(list(seeds.iterdir()))]
    assert _facts(knowledge) == _cold(seeds, tmp_path)


def test_reused_facts_are_decoded_only_for_the_base(seeds, tmp_path, monkeypatch):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    decoded: list[int] = []
    original = DocumentRecord.facts

    def spy(self: DocumentRecord) -> list[factbase.FactRow]:
        facts = original(self)
        decoded.append(len(facts))
        return facts

    monkeypatch.setattr(DocumentRecord, "facts", spy)
    shutil.copy(SEED, seeds / SEED.name)
    result = compile_folder(seeds, knowledge)
    assert decoded == []  # written from the kept YAML, validated by id
    assert result.report.facts == len(result.base.facts)
    assert len(decoded) == 3
    assert factbase.to_yaml(result.base).encode() == _facts(knowledge) == _cold(seeds, tmp_path)


def test_pieces_with_non_ascii_text_are_cut_from_facts_yaml_by_bytes(seeds, tmp_path, monkeypatch):
    knowledge = tmp_path / "k"
    shutil.copy(SEED, seeds / SEED.name)  # curly quotes, accents: characters != bytes
    _age(seeds)
    compile_folder(seeds, knowledge)
    assert not _facts(knowledge).isascii()
    rendered: list[int] = []
    original = factbase.render_fact_rows

    def spy(rows):  # type: ignore[no-untyped-def]
        rows = list(rows)
        rendered.append(len(rows))
        return original(rows)

    monkeypatch.setattr(factbase, "render_fact_rows", spy)
    shutil.copy(seeds / "politics_010.txt", seeds / "politics_011.txt")
    compile_folder(seeds, knowledge)
    assert len(rendered) == 1  # the new document's; the others' pieces come from the file
    assert _facts(knowledge) == _cold(seeds, tmp_path)


@pytest.mark.parametrize("damage", [lambda b: b[:-100], lambda b: b + b"x", lambda b: b[:40]])
def test_a_truncated_or_padded_snapshot_is_ignored(seeds, tmp_path, damage):
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    snapshot = knowledge / ".cache" / SNAPSHOT_FILE
    snapshot.write_bytes(damage(snapshot.read_bytes()))
    loaded = Snapshot(knowledge)
    loaded.load()
    assert loaded.records == {} and loaded.grouping is None
    shutil.copy(SEED, seeds / SEED.name)
    assert compile_folder(seeds, knowledge).report.ok
    assert _facts(knowledge) == _cold(seeds, tmp_path)
    loaded.load()  # saved whole again
    assert len(loaded.records) == 4 and loaded.grouping is not None


@pytest.mark.parametrize("statement", ["Same words.", "Other words."])
def test_a_statement_that_is_its_excerpt_is_stored_once(statement):
    text = "Same words. And more."
    extraction = Extraction(
        "a.txt",
        "0" * 64,
        [],
        [],
        [FactDraft(0, 0, 11, statement, (0,), None, None, None, ())],
    )
    (row,) = document_fact_rows(extraction, text, ["e"], ["s"])
    assert (row[5] is row[4]) == (statement == row[4])
    blob = DocumentRecord.encode_facts([row])
    equal_copy = (row[5] + " ")[:-1]  # equal, but another string
    copied = DocumentRecord.encode_facts([(*row[:5], equal_copy, *row[6:])])
    assert (len(blob) < len(copied)) == (statement == row[4])
    record = DocumentRecord((0, 0), "", [], [], [], b"", [], blob, [row[0]], 0)
    assert record.facts() == [row]


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_files_written_in_batches_of_blobs_read_back_whole(seeds, tmp_path, monkeypatch, batch):
    monkeypatch.setattr(cache, "WRITE_BATCH", batch)
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    loaded = Snapshot(knowledge)
    loaded.load()
    assert len(loaded.records) == 3 and loaded.grouping is not None
    assert len(cache.ExtractionCache(knowledge).entries()) == 3
    assert compile_folder(seeds, knowledge).report.cached == 3
    assert _facts(knowledge) == _cold(seeds, tmp_path)
