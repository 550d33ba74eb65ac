"""Compiler speed on the shared corpora: MB/s of per-document extraction on one core,
the cross-document merge, peak memory, and the incremental add-one-document time.

    .venv/bin/python benchmarks/bench_compile.py [--runs 3] [--corpus bbc] [--spot-check]
    .venv/bin/python benchmarks/bench_compile.py --incremental-only --runs 5

The container's build (setup.py, BRIEFBOT_COMPILE=1) compiles the per-document stages with
mypyc; to measure that build, install it into a venv of its own and run this script from
outside the checkout (so the checkout's .py files are not imported instead):

    python3 -m venv /tmp/native && /tmp/native/bin/pip install 'setuptools>=77' mypy types-PyYAML
    BRIEFBOT_COMPILE=1 /tmp/native/bin/pip install --no-build-isolation .
    cd /tmp && /tmp/native/bin/python ~-/benchmarks/bench_compile.py --corpus bbc

Reads ../shared/corpora/*.tar.gz members straight into memory for the extraction figures,
and unpacks BBC into a temporary folder for the end-to-end and incremental figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import statistics
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot import factbase
from bot.compiler import compile_folder
from bot.compiler import extract as extraction_module
from bot.compiler.extract import Extraction, extract
from bot.compiler.merge import merge
from bot.compiler.pipeline import collector_paused
from bot.errors import DocumentError

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAMES = {
    "bbc": "bbc_news.tar.gz",
    "nc-centralasia": "news_commentary_centralasia.tar.gz",
    "nc": "news_commentary_en.tar.gz",
}


def read_corpus(name: str) -> list[tuple[str, str]]:
    documents = []
    with tarfile.open(CORPORA / NAMES[name]) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.endswith((".txt", ".md")):
                handle = archive.extractfile(member)
                assert handle is not None
                documents.append((member.name, handle.read().decode("utf-8")))
    documents.sort()
    return documents


def extract_all(documents: list[tuple[str, str]]) -> tuple[list[Extraction], list[str]]:
    """Extraction as compile_folder runs it: with the cyclic garbage collector paused."""
    with collector_paused():
        return extract_each(documents)


def extract_each(documents: list[tuple[str, str]]) -> tuple[list[Extraction], list[str]]:
    """Parses of name runs are shared across documents within a process, so later runs over the
    same corpus find them made; the first run is what one cold `briefbot compile` sees."""
    extractions, failures = [], []
    for path, text in documents:
        try:
            extractions.append(extract(path, text, "0" * 64, markdown=path.endswith(".md")))
        except DocumentError as problem:
            failures.append(str(problem))
    return extractions, failures


def build_kind() -> str:
    """Which build is measured: the image compiles these stages with mypyc (setup.py)."""
    compiled = extraction_module.__file__.endswith((".so", ".pyd"))
    return "per-document stages compiled (mypyc)" if compiled else "pure Python"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def bench_extraction(name: str, runs: int, spot_check: bool, profile: bool) -> None:
    documents = read_corpus(name)
    megabytes = sum(len(t.encode("utf-8")) for _, t in documents) / 1e6
    times, cpu_times = [], []
    extractions: list[Extraction] = []
    failures: list[str] = []
    for _ in range(runs):
        # compile_folder keeps the collector paused from reading to writing, so the collection
        # that follows its resumption, and freeing the last run's results, are not extraction
        extractions = []
        with collector_paused():
            started, cpu_started = time.perf_counter(), time.process_time()
            extractions, failures = extract_each(documents)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
    median = statistics.median(times)
    cpu = statistics.median(cpu_times)
    texts = dict(documents)
    with collector_paused():
        started = time.perf_counter()
        base, _warnings = merge(extractions, texts)
        merged = time.perf_counter() - started
        started = time.perf_counter()
        dumped = factbase.to_yaml(base)
        dump_time = time.perf_counter() - started
    print(
        f"{name:15} {len(documents):5d} docs {megabytes:6.2f} MB  extract {median:6.2f}s "
        f"= {megabytes / median:5.2f} MB/s wall, {megabytes / cpu:5.2f} MB/s CPU "
        f"(median of {runs}; first run {megabytes / cpu_times[0]:5.2f} MB/s CPU)  "
        f"merge {merged:5.2f}s  "
        f"yaml {dump_time:5.2f}s ({len(dumped) / 1e6:.1f} MB)  "
        f"{len(base.sources)} sources {len(base.entities)} entities {len(base.facts)} facts  "
        f"{len(failures)} refused  peak RSS {peak_mb():.0f} MB"
    )
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        extract_all(documents[: max(1, len(documents) // 4)])
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    if spot_check:
        _spot_check(base, failures)


def _spot_check(base: factbase.FactBase, failures: list[str]) -> None:
    mentions = Counter(e for f in base.facts for e in f.entities)
    names = {e.id: e for e in base.entities}
    kinds = Counter(e.kind for e in base.entities)
    print("   kinds:", dict(kinds))
    print("   sample titles:", [s.title for s in base.sources[:: max(1, len(base.sources) // 8)]])
    for kind in ("person", "organization", "place", "other"):
        top = [(names[i].name, n) for i, n in mentions.most_common() if names[i].kind == kind][:15]
        print(f"   top {kind}:", ", ".join(f"{name} ({n})" for name, n in top))
    relation_counts = Counter(r.type for f in base.facts for r in f.relations)
    print("   relations:", dict(relation_counts))
    if failures:
        print("   refused:", failures[:5])


def bench_incremental(runs: int) -> None:
    """Add one BBC document to the other 2,2xx and recompile, with the snapshot of the last
    compile (knowledge/.cache/snapshot.marshal) and, alternately, without it (the cache's
    extractions only, as before the snapshot), same process, same documents; and recompile
    the unchanged folder (median of as many runs). The first, cold compile is broken down by
    phase (CompileReport.phases)."""
    documents = read_corpus("bbc")
    runs = max(runs, 3)
    with tempfile.TemporaryDirectory() as folder:
        seeds, knowledge = Path(folder) / "seeds", Path(folder) / "knowledge"
        seeds.mkdir()
        held_back = documents[-runs:]
        compiled_mb = sum(len(t.encode("utf-8")) for _, t in documents[:-runs]) / 1e6
        for path, text in documents[:-runs]:
            target = seeds / Path(path).name
            target.write_text(text, encoding="utf-8")
        started, cpu_started = time.perf_counter(), time.process_time()
        cold = compile_folder(seeds, knowledge).report
        cold_time = time.perf_counter() - started
        cold_cpu = time.process_time() - cpu_started
        unchanged: list[tuple[float, float]] = []
        for _ in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            warm = compile_folder(seeds, knowledge).report
            unchanged.append((time.perf_counter() - started, time.process_time() - cpu_started))
        timings: dict[str, list[tuple[float, float]]] = {"snapshot": [], "entries only": []}
        for number, (path, text) in enumerate(held_back):
            modes = list(timings) if number % 2 == 0 else list(reversed(timings))
            for mode in modes:
                added = seeds / Path(path).name
                added.write_text(text, encoding="utf-8")
                if mode == "entries only":
                    (knowledge / ".cache" / "snapshot.marshal").unlink(missing_ok=True)
                started, cpu_started = time.perf_counter(), time.process_time()
                report = compile_folder(seeds, knowledge).report
                timings[mode].append(
                    (time.perf_counter() - started, time.process_time() - cpu_started)
                )
                assert report.cached == report.documents - 1, report
                added.unlink()
                compile_folder(seeds, knowledge)  # back to the state before the addition
        print(
            f"incremental on {cold.documents} BBC documents: cold compile {cold_time:.2f}s "
            f"({compiled_mb / cold_time:.2f} MB/s end to end: reading, extraction, merge, "
            f"writing facts.yaml, cache and snapshot; {cold_cpu:.2f}s CPU = "
            f"{compiled_mb / cold_cpu:.2f} MB/s), "
            f"unchanged recompile {statistics.median(w for w, _ in unchanged):.3f}s wall, "
            f"{statistics.median(c for _, c in unchanged):.3f}s CPU (cached {warm.cached}); "
            f"add one document (median of {runs}):"
        )
        phases = ", ".join(f"{phase} {seconds:.2f}" for phase, seconds in cold.phases.items())
        print(f"   cold compile by phase (s): {phases}")
        for mode, pairs in timings.items():
            walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
            print(
                f"   {mode:13} {statistics.median(walls):.3f}s wall, "
                f"{statistics.median(cpus):.3f}s CPU (" + ", ".join(f"{w:.2f}" for w in walls) + ")"
            )
        ratio = statistics.median(w for w, _ in timings["entries only"]) / statistics.median(
            w for w, _ in timings["snapshot"]
        )
        print(f"   snapshot speed-up {ratio:.1f}x; peak RSS {peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", choices=[*NAMES, "all"], default="all")
    parser.add_argument(
        "--spot-check", action="store_true", help="print top entities and sample titles"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile a quarter of each corpus")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument(
        "--incremental-only", action="store_true", help="only the incremental (BBC) figures"
    )
    args = parser.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"corpora not found at {CORPORA}")
    names = list(NAMES) if args.corpus == "all" else [args.corpus]
    print(f"bot from {Path(extraction_module.__file__).parents[1]}: {build_kind()}")
    for name in [] if args.incremental_only else names:
        runs = (
            1 if name == "nc" and args.runs > 1 else args.runs
        )  # 38 MB: one run is minutes enough
        bench_extraction(name, runs, args.spot_check, args.profile)
    if not args.no_incremental:
        bench_incremental(args.runs)


if __name__ == "__main__":
    main()
