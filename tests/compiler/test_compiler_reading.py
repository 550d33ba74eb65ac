"""Bad input: each bad file gets one clear line; the others still compile."""

import os
from pathlib import Path

import pytest

from bot.compiler import compile_folder, pipeline, reading
from bot.compiler.reading import find_documents, read_bytes, read_document
from bot.errors import DocumentError

GOOD = "A Good Title\n\nThe Eastern Brigade operates in Syria. It grew in 2015.\n"


def reason(path: Path, seeds: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(seeds, path.relative_to(seeds).as_posix())
    return str(caught.value)


def test_empty_binary_and_latin1_files(seeds_dir):
    (seeds_dir / "empty.txt").write_text("   \n")
    (seeds_dir / "binary.txt").write_bytes(b"abc\x00def")
    (seeds_dir / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    assert reason(seeds_dir / "empty.txt", seeds_dir) == "empty.txt: is empty"
    assert "binary" in reason(seeds_dir / "binary.txt", seeds_dir)
    assert reason(seeds_dir / "latin1.txt", seeds_dir).startswith(
        "latin1.txt: is not UTF-8 (byte 0xe9"
    )


def test_huge_file_is_refused_without_reading_it(seeds_dir):
    huge = seeds_dir / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50_000_000)
    assert "too large (50.0 MB" in reason(huge, seeds_dir)


@pytest.mark.parametrize("limit", [None, 50])
def test_a_file_that_grew_after_stat_is_read_whole_or_refused(seeds_dir, monkeypatch, limit):
    grown = seeds_dir / "grown.txt"
    grown.write_bytes(b"x" * 100)
    real_stat = Path.stat

    def stale(self, **kwargs):  # type: ignore[no-untyped-def]
        status = list(real_stat(self, **kwargs))
        status[6] = 10  # st_size: as it was before the file grew
        return os.stat_result(status)

    monkeypatch.setattr(Path, "stat", stale)
    if limit is None:
        assert read_bytes(seeds_dir, "grown.txt") == b"x" * 100
    else:
        with pytest.raises(DocumentError, match="too large"):
            read_bytes(seeds_dir, "grown.txt", max_bytes=limit)


@pytest.mark.parametrize("chunk", [7, 1 << 16])
@pytest.mark.parametrize("limit", [None, 50])
def test_a_file_that_grew_after_the_callers_lstat_is_read_whole_or_refused(
    seeds_dir, monkeypatch, limit, chunk
):
    monkeypatch.setattr(reading, "READ_CHUNK", chunk)
    grown = seeds_dir / "grown.txt"
    grown.write_bytes(bytes(range(100)))
    if limit is None:
        assert read_bytes(seeds_dir, "grown.txt", regular_size=10) == bytes(range(100))
    else:
        with pytest.raises(DocumentError, match="too large"):
            read_bytes(seeds_dir, "grown.txt", max_bytes=limit, regular_size=10)


def test_a_file_replaced_by_a_symlink_after_the_callers_lstat_is_not_followed(seeds_dir, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(GOOD)
    (seeds_dir / "link.txt").symlink_to(outside)
    with pytest.raises(DocumentError, match="cannot be read"):
        read_bytes(seeds_dir, "link.txt", regular_size=len(GOOD))


def test_symlink_outside_the_folder_is_refused(seeds_dir, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(GOOD)
    (seeds_dir / "link.txt").symlink_to(outside)
    assert "symlink points outside the seeds folder" in reason(seeds_dir / "link.txt", seeds_dir)


def test_symlink_inside_the_folder_is_fine(seeds_dir):
    (seeds_dir / "real.txt").write_text(GOOD)
    (seeds_dir / "alias.txt").symlink_to(seeds_dir / "real.txt")
    assert read_document(seeds_dir, "alias.txt").text == GOOD


def test_vanished_file(seeds_dir):
    assert reason(seeds_dir / "gone.txt", seeds_dir) == "gone.txt: vanished before it could be read"


def test_hidden_files_and_other_suffixes_are_ignored(seeds_dir):
    (seeds_dir / ".hidden.txt").write_text(GOOD)
    (seeds_dir / ".cache").mkdir()
    (seeds_dir / ".cache" / "x.txt").write_text(GOOD)
    (seeds_dir / "notes.pdf").write_text(GOOD)
    (seeds_dir / "sub").mkdir()
    (seeds_dir / "sub" / "b.md").write_text(GOOD)
    (seeds_dir / "a.txt").write_text(GOOD)
    assert find_documents(seeds_dir) == ["a.txt", "sub/b.md"]


def test_bad_files_are_reported_and_the_rest_compiles(seeds_dir, knowledge_dir, tmp_path):
    (seeds_dir / "good.txt").write_text(GOOD)
    (seeds_dir / "empty.txt").write_text("")
    (seeds_dir / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (seeds_dir / "furniture.txt").write_text("Home\nNews\nHome\nNews\nContact\n")
    with (seeds_dir / "huge.txt").open("wb") as handle:
        handle.truncate(50_000_000)
    (tmp_path / "out.txt").write_text(GOOD)
    (seeds_dir / "link.txt").symlink_to(tmp_path / "out.txt")
    result = compile_folder(seeds_dir, knowledge_dir)
    report = result.report
    assert not report.ok and report.written
    problems = sorted(str(p) for p in report.problems)
    assert [p.split(":")[0] for p in problems] == [
        "empty.txt",
        "furniture.txt",
        "huge.txt",
        "latin1.txt",
        "link.txt",
    ]
    assert "furniture.txt: has no article text" in problems[1]
    assert [s.path for s in result.base.sources] == ["good.txt"]


def test_a_file_vanishing_mid_compile(seeds_dir, knowledge_dir, monkeypatch):
    (seeds_dir / "a.txt").write_text(GOOD)
    (seeds_dir / "b.txt").write_text(GOOD.replace("Good", "Other"))

    def vanish_b(done: int, total: int, path: str) -> None:
        if path == "a.txt":
            os.unlink(seeds_dir / "b.txt")

    report = compile_folder(seeds_dir, knowledge_dir, progress=vanish_b).report
    assert [str(p) for p in report.problems] == ["b.txt: vanished before it could be read"]
    assert report.documents == 1


def test_a_document_dropped_while_assembling_leaves_no_source(
    seeds_dir, knowledge_dir, monkeypatch
):
    (seeds_dir / "a.txt").write_text(GOOD)
    (seeds_dir / "b.txt").write_text(GOOD.replace("Good", "Other"))
    assemble = pipeline._assemble

    def b_changed_meanwhile(document, seeds, cache):
        if document.extraction.path == "b.txt":
            raise DocumentError("b.txt", "changed while it was being compiled; compile again")
        assemble(document, seeds, cache)

    monkeypatch.setattr(pipeline, "_assemble", b_changed_meanwhile)
    result = compile_folder(seeds_dir, knowledge_dir)
    assert [str(p) for p in result.report.problems] == [
        "b.txt: changed while it was being compiled; compile again"
    ]
    assert [s.path for s in result.base.sources] == ["a.txt"]
    assert {f.source for f in result.base.facts} == {s.id for s in result.base.sources}
