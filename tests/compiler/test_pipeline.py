"""End to end: the seed page and small real articles through compile_folder and the CLI."""

from __future__ import annotations

import gc
import marshal
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import factbase
from bot.cli import cli
from bot.compiler import cache as cache_module
from bot.compiler import compile_folder
from bot.compiler.cache import PACK_FILE, SNAPSHOT_FILE, DocumentRecord, ExtractionCache
from bot.compiler.extract import Extraction, RelationDraft, extract
from bot.compiler.pipeline import CompileReport
from bot.errors import ValidationError

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_b1e87bea9178cb10.txt"
DATA = Path(__file__).resolve().parent / "data"


def entity_named(base: factbase.FactBase, name: str) -> factbase.Entity:
    folded = name.casefold()
    matches = [
        e
        for e in base.entities
        if folded in {e.name.casefold(), *(a.casefold() for a in e.aliases)}
    ]
    assert len(matches) == 1, (name, matches)
    return matches[0]


def relations_of(base: factbase.FactBase, kind: str) -> set[tuple[str, str | None, str]]:
    return {
        (r.subject, r.object, r.value) for f in base.facts for r in f.relations if r.type == kind
    }


def test_seed_sources_are_the_four_articles(seed_compiled, seed_titles):
    base = seed_compiled.base
    assert [s.title for s in base.sources] == seed_titles
    assert seed_compiled.report.ok and seed_compiled.report.written


def test_seed_organizations_hold_acronym_and_long_form(seed_compiled):
    base = seed_compiled.base
    expected = {
        "KIB": "Katibat Imam al-Bukhari",
        "KTJ": "Katibat Tawhid wal Jihad",
        "IJU": "Islamic Jihad Union",
        "JA": "Jamaat Ansarullah",
        "TIP": "Turkestan Islamic Party",
        "IMU": "Islamic Movement of Uzbekistan",
        "HTS": "Hayat Tahrir al-Sham",
        "IS-K": "Islamic State Khorasan",
    }
    for acronym, long_form in expected.items():
        entity = entity_named(base, acronym)
        assert entity is entity_named(base, long_form)
        assert entity.kind == "organization"
    tip = entity_named(base, "TIP")
    assert {"ETIM", "Eastern Turkistan Islamic Movement"} <= set(tip.aliases)
    assert tip.name == "Turkestan Islamic Party"  # the former name is not the canonical one
    assert entity_named(base, "al Qaeda") is entity_named(base, "al-Qaeda")
    assert entity_named(base, "Taliban").kind == "organization"


def test_seed_people(seed_compiled):
    base = seed_compiled.base
    people = [
        "Abu Yusuf Muhajir",
        "Jumaboi Aka",
        "Ilimbek Mamatov",
        "Abdul Haq al-Turkistani",
        "Haibatullah Akhunzada",
        "Abdul Ghani Baradar",
        "Sirajuddin Haqqani",
        "Shavkat Mirziyoyev",
        "Kassym-Jomart Tokayev",
        "Alisher Usmanov",
        "Wang Yi",
    ]
    for name in people:
        entity = entity_named(base, name)
        assert entity.kind == "person", name
        assert entity.name == name
    assert entity_named(base, "Usmanov") is entity_named(base, "Alisher Usmanov")
    assert entity_named(base, "Tokayev") is entity_named(base, "Kassym-Jomart Tokayev")
    assert entity_named(base, "Komilov") is entity_named(base, "Abdulaziz Kamilov")
    assert entity_named(base, "Takijistan") is entity_named(base, "Tajikistan")
    titles = {"President", "Mr.", "Mullah", "Foreign Minister"}
    assert not any(e.name in titles or set(e.aliases) & titles for e in base.entities)


def test_seed_relations_the_engine_needs(seed_compiled):
    base = seed_compiled.base
    iju, mamatov = entity_named(base, "IJU").id, entity_named(base, "Ilimbek Mamatov").id
    kib, tip = entity_named(base, "KIB").id, entity_named(base, "TIP").id
    assert (iju, mamatov, "Ilimbek Mamatov") in relations_of(base, "leader")
    assert (kib, entity_named(base, "Jumaboi Aka").id, "Jumaboi Aka") in relations_of(
        base, "leader"
    )
    assert (
        entity_named(base, "Jumaboi Aka").id,
        entity_named(base, "IMU").id,
        "IMU",
    ) in relations_of(base, "member")
    designations = relations_of(base, "designation")
    assert any(
        s == kib and o == entity_named(base, "US State Department").id for s, o, _ in designations
    )
    areas = relations_of(base, "area")
    assert {(kib, entity_named(base, p).id, p) for p in ("Afghanistan", "Syria", "Faryab")} <= areas
    assert any(
        s == tip and v == "Eastern Turkistan Islamic Movement"
        for s, _, v in relations_of(base, "former_name")
    )
    assert any(
        s == entity_named(base, "KTJ").id and o == entity_named(base, "al Qaeda").id
        for s, o, _ in relations_of(base, "allegiance")
    )
    roles = relations_of(base, "role")
    assert (
        entity_named(base, "Tokayev").id,
        entity_named(base, "Kazakhstan").id,
        "President",
    ) in roles
    assert (
        entity_named(base, "Wang Yi").id,
        entity_named(base, "China").id,
        "Foreign Minister",
    ) in roles
    quotes = {(s, v) for s, _, v in relations_of(base, "quote")}
    akhunzada = entity_named(base, "Haibatullah Akhunzada").id
    assert any(s == akhunzada and "collective victory" in v for s, v in quotes)


def test_seed_facts_are_verbatim_and_clean(seed_compiled, seed_text):
    base = seed_compiled.base
    assert len(base.facts) > 150
    sources = {s.id: s for s in base.sources}
    for fact in base.facts:
        assert seed_text[fact.start : fact.end] == fact.excerpt
        source = sources[fact.source]
        assert source.start <= fact.start and fact.end <= source.end
        assert "[UB1]" not in fact.statement
        assert fact.statement == " ".join(fact.statement.split())
    excerpts = "\n".join(f.excerpt for f in base.facts)
    for furniture in (
        "Connect with us",
        "Continue Reading",
        "Image source",
        "hours ago",
        "Samoa",
        "Casa De Amor",
        "second left",
        "before the attack, Idlib",
        "Trending",
    ):
        assert furniture not in excerpts
    by_excerpt = {f.excerpt: f for f in base.facts}
    signed = next(f for e, f in by_excerpt.items() if e.startswith("Al-Qaeda-backed"))
    assert signed.date == "2020-02" and signed.date_text == "February 2020"
    congratulated = next(
        f for e, f in by_excerpt.items() if e.startswith("At the end, he congratulated")
    )
    assert congratulated.statement.startswith("At the end, Abu Yusuf Muhajir congratulated")
    china = next(f for e, f in by_excerpt.items() if e.startswith("For China, the Eurasian"))
    assert china.section == "China"


def test_seed_compiles_to_identical_bytes_twice(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    compile_folder(seeds, tmp_path / "k1", use_cache=False)
    compile_folder(seeds, tmp_path / "k2")
    compile_folder(seeds, tmp_path / "k2")  # from the cache
    first = (tmp_path / "k1" / "facts.yaml").read_bytes()
    assert first == (tmp_path / "k2" / "facts.yaml").read_bytes()


def test_ids_stay_stable_when_an_unrelated_document_arrives(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    before = compile_folder(seeds, tmp_path / "k").base
    shutil.copy(DATA / "bbc" / "politics_249.txt", seeds / "zz_new.txt")
    after = compile_folder(seeds, tmp_path / "k").base
    old_ids = {f.id for f in before.facts}
    assert old_ids <= {f.id for f in after.facts}
    assert {s.id for s in before.sources} <= {s.id for s in after.sources}


def test_real_bbc_articles(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    result = compile_folder(seeds, tmp_path / "k")
    base = result.base
    assert result.report.ok
    assert sorted(s.title for s in base.sources) == [
        "Crucial decision on super-casinos",
        "No election TV debate, says Blair",
        "Yukos unit buyer faces loan claim",
    ]
    assert entity_named(base, "Blair") is entity_named(base, "Tony Blair")
    assert entity_named(base, "Tony Blair").kind == "person"
    assert entity_named(base, "Rosneft")
    quotes = {(s, v[:20]) for s, _, v in relations_of(base, "quote")}
    assert (entity_named(base, "Tony Blair").id, "We answer this every") in quotes
    assert (entity_named(base, "Jamie Firestone").id, "The pledged assets a") in quotes


def test_markdown_document(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = (
        "# Field Report\n\n## Findings\n\n"
        "The **Eastern Brigade** operates in [Kunar](http://x.org) since 2019.\n"
    )
    (seeds / "report.md").write_text(text)
    base = compile_folder(seeds, tmp_path / "k").base
    (source,) = base.sources
    (fact,) = base.facts
    assert source.title == "Field Report"
    assert fact.excerpt == "The **Eastern Brigade** operates in [Kunar](http://x.org) since 2019."
    assert fact.statement == "The Eastern Brigade operates in Kunar since 2019."
    assert fact.section == "Findings" and fact.date == "2019"


def test_curated_corrections_and_warnings(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    knowledge.mkdir()
    (knowledge / "curated.yaml").write_text(
        "aliases: {Tony Blair: [PM Blair]}\n"
        "kinds: {Rosneft: organization}\n"
        "merge: [[Yukos, Menatep Group]]\n"
        "drop: [Ibrox]\n"
        "names: {Tory: Conservative Party}\n"
        "aliases: {Nobody Known: [X]}\n"
    )
    result = compile_folder(seeds, knowledge)
    base = result.base
    assert result.report.warnings == ["curated.yaml: aliases: 'Nobody Known' matches no entity"]
    (knowledge / "curated.yaml").write_text(
        "aliases: {Tony Blair: [PM Blair]}\nkinds: {Rosneft: organization}\n"
        "merge: [[Yukos, Menatep Group]]\ndrop: [Ibrox]\nnames: {Tory: Conservative Party}\n"
    )
    base = compile_folder(seeds, knowledge).base
    assert "PM Blair" in entity_named(base, "Tony Blair").aliases
    assert entity_named(base, "Rosneft").kind == "organization"
    assert entity_named(base, "Yukos") is entity_named(base, "Menatep Group")
    assert not any(e.name == "Ibrox" for e in base.entities)
    assert entity_named(base, "Tory").name == "Conservative Party"


def _pack_entries(knowledge: Path) -> dict[str, bytes]:
    return {key: bytes(data) for key, data in ExtractionCache(knowledge).entries().items()}


def test_cache_reuses_unchanged_documents(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    assert compile_folder(seeds, knowledge).report.cached == 0
    assert compile_folder(seeds, knowledge).report.cached == 3
    before = _pack_entries(knowledge)
    (seeds / "politics_010.txt").write_text(
        "Changed Title Line\n\nThe Scottish Parliament met today.\n"
    )
    assert compile_folder(seeds, knowledge).report.cached == 2
    after = _pack_entries(knowledge)
    assert len(after) == 3 and len(set(before) & set(after)) == 2  # the stale entry is pruned
    assert all(after[key] == before[key] for key in set(before) & set(after))


def test_the_cache_is_one_pack_file_left_alone_when_nothing_changed(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    (knowledge / ".cache").mkdir(parents=True)
    (knowledge / ".cache" / f"{'0' * 64}-123456789abc.entry").write_bytes(b"an older layout")
    compile_folder(seeds, knowledge)
    assert sorted(p.name for p in (knowledge / ".cache").iterdir()) == [PACK_FILE, SNAPSHOT_FILE]
    pack = knowledge / ".cache" / PACK_FILE
    written = pack.stat()
    (seeds / "politics_010.txt").touch()  # read again, its entry found in the pack
    assert compile_folder(seeds, knowledge).report.cached == 3
    assert (pack.stat().st_ino, pack.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


def test_corrupt_cache_entry_is_rebuilt(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    first = compile_folder(seeds, knowledge, use_cache=False)
    pack, snapshot = knowledge / ".cache" / PACK_FILE, knowledge / ".cache" / SNAPSHOT_FILE
    compile_folder(seeds, knowledge)
    data, entries = pack.read_bytes(), _pack_entries(knowledge)
    damaged = next(iter(entries.values()))
    pack.write_bytes(data.replace(damaged, b"\xff" * len(damaged)))  # one entry unreadable
    snapshot.unlink()  # which would spare reading the documents
    again = compile_folder(seeds, knowledge, write=False)
    assert again.report.cached == 2
    assert factbase.to_yaml(again.base) == factbase.to_yaml(first.base)
    assert _pack_entries(knowledge) == entries  # rebuilt
    pack.write_bytes(pack.read_bytes()[:-10])  # the whole pack unreadable
    again = compile_folder(seeds, knowledge, write=False)
    assert again.report.cached == 0
    assert factbase.to_yaml(again.base) == factbase.to_yaml(first.base)
    assert _pack_entries(knowledge) == entries
    assert ExtractionCache.key("a.txt", "00") != ExtractionCache.key("b.txt", "00")


def test_extractions_are_kept_when_the_compile_fails_or_writes_nothing(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    with monkeypatch.context() as patched:
        patched.setattr(factbase, "validate", lambda *a, **k: ["fact x: broken"])
        with pytest.raises(ValidationError):
            compile_folder(seeds, knowledge)
    assert compile_folder(seeds, knowledge, write=False).report.cached == 3
    shutil.copy(SEED, seeds / SEED.name)
    assert compile_folder(seeds, knowledge, write=False).report.cached == 3
    assert compile_folder(seeds, knowledge).report.cached == 4


def test_a_knowledge_folder_the_cache_cannot_be_written_to_still_compiles(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    knowledge.mkdir()

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("read-only")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    first = compile_folder(seeds, knowledge, write=False)
    assert first.report.ok and first.report.cached == 0
    assert not (knowledge / ".cache" / PACK_FILE).exists()
    assert compile_folder(seeds, knowledge, write=False).report.ok


def test_failing_validation_never_replaces_a_good_base(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    good = (knowledge / "facts.yaml").read_bytes()
    monkeypatch.setattr(factbase, "validate", lambda *a, **k: ["fact x: broken"])
    runner = CliRunner()
    result = runner.invoke(cli, ["--seeds", str(seeds), "--knowledge", str(knowledge), "compile"])
    assert result.exit_code == 1
    assert "fact base invalid: fact x: broken" in result.stderr
    assert (knowledge / "facts.yaml").read_bytes() == good


def test_cli_compile_and_check(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    runner = CliRunner()
    result = runner.invoke(cli, ["--seeds", str(seeds), "--knowledge", str(knowledge), "compile"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"compiled 3 documents: 3 sources, \d+ entities, \d+ facts, 0 warnings in \d+\.\d\ds\n",
        result.stdout,
    )
    result = runner.invoke(cli, ["--seeds", str(seeds), "--knowledge", str(knowledge), "check"])
    assert result.exit_code == 0 and result.stdout.startswith("ok: ")
    facts = knowledge / "facts.yaml"
    facts.write_text(facts.read_text().replace('excerpt: "The', 'excerpt: "Thee', 1))
    result = runner.invoke(cli, ["--seeds", str(seeds), "--knowledge", str(knowledge), "check"])
    assert result.exit_code == 1
    assert "excerpt differs" in result.stderr and "invalid: 1 problem in" in result.stderr


def test_the_summary_line_counts_in_the_singular_and_plural():
    one = CompileReport(documents=1, sources=1, entities=1, facts=1, warnings=["w"])
    assert one.summary_line() == (
        "compiled 1 document: 1 source, 1 entity, 1 fact, 1 warning in 0.00s"
    )
    many = CompileReport(documents=2, sources=0, entities=3, facts=2)
    assert many.summary_line().startswith("compiled 2 documents: 0 sources, 3 entities, 2 facts")


def test_cli_reports_bad_documents_and_fails(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    (seeds / "bad.txt").write_bytes(b"\x00\x01")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--seeds", str(seeds), "--knowledge", str(tmp_path / "k"), "compile"]
    )
    assert result.exit_code == 1
    assert "bad.txt: looks binary" in result.stderr
    assert "compiled 3 documents" in result.stdout and "1 failed" in result.stdout


def test_check_without_a_base_says_so(tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--seeds", str(tmp_path), "--knowledge", str(tmp_path / "none"), "check"]
    )
    assert result.exit_code == 1
    assert "no fact base here" in result.stderr


def test_committed_fact_base_matches_a_fresh_compile(tmp_path):
    """knowledge/facts.yaml in the repo is what the compiler makes of seeds/ (else regenerate)."""
    repo = Path(__file__).resolve().parents[2]
    committed = repo / "knowledge" / "facts.yaml"
    result = compile_folder(repo / "seeds", tmp_path / "k", use_cache=False)
    # curated.yaml lives in the repo's knowledge folder; apply it as the real compile does
    if (repo / "knowledge" / "curated.yaml").exists():
        shutil.copy(repo / "knowledge" / "curated.yaml", tmp_path / "k" / "curated.yaml")
        result = compile_folder(repo / "seeds", tmp_path / "k", use_cache=False)
    assert factbase.to_yaml(result.base) == committed.read_text(encoding="utf-8")


def test_repeated_sentences_bom_and_a_pronoun_speaker(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = "The Council met in Paris on May 5, 2019 and agreed. " * 300
    (seeds / "repeat.txt").write_text("Repeated Minutes\n\n" + body + "\n")
    (seeds / "bom.txt").write_bytes(
        "\ufeffBOM Title Here\r\n\r\nThe Eastern Brigade, led by Omar Haddad, operates in Kunar. "
        "He said: “We will stay here.”\r\n".encode()
    )
    base = compile_folder(seeds, tmp_path / "k").base
    titles = sorted(s.title for s in base.sources)
    assert titles == ["BOM Title Here", "Repeated Minutes"]
    repeated = [f for f in base.facts if f.source == "repeated-minutes"]
    assert len(repeated) == 300 and len({f.id for f in repeated}) == 300
    quotes = relations_of(base, "quote")
    assert (entity_named(base, "Omar Haddad").id, None, "We will stay here.") in quotes


def test_an_empty_or_missing_seeds_folder_keeps_the_old_base(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    knowledge = tmp_path / "k"
    compile_folder(seeds, knowledge)
    good = (knowledge / "facts.yaml").read_bytes()
    for path in seeds.iterdir():
        path.unlink()
    runner = CliRunner()
    result = runner.invoke(cli, ["--seeds", str(seeds), "--knowledge", str(knowledge), "compile"])
    assert result.exit_code == 1 and "holds no .txt or .md documents" in result.stderr
    missing = tmp_path / "nowhere"
    result = runner.invoke(cli, ["--seeds", str(missing), "--knowledge", str(knowledge), "compile"])
    assert result.exit_code == 1 and "is not a folder of documents" in result.stderr
    assert (knowledge / "facts.yaml").read_bytes() == good


def test_written_fact_base_is_readable_by_others(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    compile_folder(seeds, tmp_path / "k")
    assert (tmp_path / "k" / "facts.yaml").stat().st_mode & 0o044 == 0o044


def test_the_compile_s_survivors_go_to_the_oldest_generation_not_the_youngest(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    documents = compile_folder(seeds, tmp_path / "k").documents
    assert any(o is documents for o in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0


def test_objects_the_caller_froze_stay_frozen(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        compile_folder(seeds, tmp_path / "k")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_document_s_entities_are_encoded_once_for_the_cache_and_the_snapshot(
    tmp_path, monkeypatch
):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    encoded: list[int] = []
    original = DocumentRecord.encode_entities

    def counting(entities):  # type: ignore[no-untyped-def]
        encoded.append(len(entities))
        return original(entities)

    monkeypatch.setattr(DocumentRecord, "encode_entities", staticmethod(counting))
    compile_folder(seeds, tmp_path / "k")
    assert len(encoded) == 3
    (tmp_path / "k" / ".cache" / SNAPSHOT_FILE).unlink()  # each document read again
    compile_folder(seeds, tmp_path / "k")
    assert len(encoded) == 3  # its entry's blob passed on as it is
    assert (
        compile_folder(seeds, tmp_path / "k").base
        == compile_folder(seeds, tmp_path / "c", use_cache=False).base
    )


def test_the_report_times_each_phase(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(DATA / "bbc", seeds)
    report = compile_folder(seeds, tmp_path / "k").report
    assert list(report.phases) == [
        "documents",
        "merge",
        "assemble",
        "validate and write",
        "snapshot",
        "cache",
    ]
    assert all(seconds >= 0 for seconds in report.phases.values())
    assert sum(report.phases.values()) <= report.seconds


def test_an_extraction_survives_its_cache_entry():
    seed = extract(SEED.name, SEED.read_text(encoding="utf-8"), "0" * 64)
    assert any(f.relations for f in seed.facts)
    for extraction in (seed, Extraction("e.txt", "1" * 64, [], [], [])):
        back = cache_module.decode(marshal.loads(marshal.dumps(cache_module.encode(extraction))))
        assert (back.path, back.sha256, back.sources, back.facts) == (
            extraction.path,
            extraction.sha256,
            extraction.sources,
            extraction.facts,
        )
        assert [vars(e) for e in back.entities] == [vars(e) for e in extraction.entities]
        assert all(type(r) is RelationDraft for f in back.facts for r in f.relations)
