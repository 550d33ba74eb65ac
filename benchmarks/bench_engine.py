"""Answer latency of the engine against rank_bm25 and plain SQLite FTS5, over the same sentences.

    .venv/bin/python benchmarks/bench_engine.py [--sizes 1000,10000,100000] [--questions 200]

Builds fact bases of each size from ../shared/corpora (BBC, then News Commentary; read from
the .tar.gz directly; facts by a regex sentence splitter, entities from capitalised words,
see quickbase.py), indexes them, and answers the same questions with:
  * the engine (Engine.answer: parsing, names, candidates, reranking, abstention),
  * rank_bm25's BM25Okapi over the same sentences, tokenised the same simple way,
  * plain SQLite FTS5: `MATCH` of the OR-ed words, `ORDER BY rank LIMIT 10`.
The engine runs in a child process pinned to one core, so its start time and resident
memory are its own: it reports the time to open an existing fresh index and answer the
first question (in-process, and for a whole new interpreter), the p50/p99 over all
questions, and ru_maxrss. The index build time (facts.yaml -> index.sqlite) is separate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import quickbase  # noqa: E402

from bot import factbase  # noqa: E402
from bot.engine.text import word_set  # noqa: E402

PASSES = 3
CORPORA = ROOT.parent / "shared" / "corpora"
TOKEN = re.compile(r"\w+")
COMMON = word_set(
    "the a an and or of to in on at for with by from that this is was were are be been has have "
    "had it its as but not which who what when where will would said says also their they he she "
    "his her we our you your than then there these those more most into over after before about "
    "could should can may might one two new last first year years people"
)


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def documents() -> list[tuple[str, str]]:
    docs = list(quickbase.read_tar(CORPORA / "bbc_news.tar.gz"))
    docs += list(quickbase.read_tar(CORPORA / "news_commentary_en.tar.gz"))
    return docs


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def make_questions(base: factbase.FactBase, count: int, seed: int = 7) -> list[str]:
    """Keyword queries from random facts' rarer words, and who/when questions about entities."""
    rng = random.Random(seed)
    names = {e.id: e.name for e in base.entities}
    questions: list[str] = []
    facts = base.facts
    while len(questions) < count:
        fact = rng.choice(facts)
        words = [w for w in tokens(fact.excerpt) if w not in COMMON and len(w) > 3 and w.isalpha()]
        named = [names[e] for e in fact.entities if e in names]
        kind = rng.random()
        if kind < 0.15 and named and words:
            questions.append(f"Who {rng.choice(words)} {rng.choice(named)}?")
        elif kind < 0.3 and named and words:
            questions.append(f"When did {rng.choice(named)} {rng.choice(words)}?")
        elif len(words) >= 2:
            questions.append(" ".join(rng.sample(words, min(len(words), rng.randint(2, 4)))))
    return questions


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, because ru_maxrss survives exec and would
    report the parent's peak (the corpora it holds) for a child it forked."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the engine, in its own process ------------------------------------------------------


def child(knowledge: str, questions_file: str) -> None:
    """Open the engine over an existing fresh index, answer every question, report JSON."""
    started = time.perf_counter()
    from bot.engine import Engine  # noqa: PLC0415 - the import is part of the start time

    questions = json.loads(Path(questions_file).read_text(encoding="utf-8"))
    engine = Engine.open(Path(knowledge))
    engine.answer(questions[0])
    first = (time.perf_counter() - started) * 1000
    passes: list[list[float]] = []
    answered = 0
    for n in range(PASSES):
        times = []
        for question in questions:
            t0 = time.perf_counter()
            reply = engine.answer(question)
            times.append((time.perf_counter() - t0) * 1000)
            answered += bool(reply.answers) and n == 0
        passes.append(times)
    p50, p99 = percentiles(passes[0])
    # The machine is shared: a question's median over the passes filters out other load.
    steady = [statistics.median(per_question) for per_question in zip(*passes, strict=True)]
    s50, s99 = percentiles(steady)
    rss_mb = peak_rss_mb()
    print(
        json.dumps(
            {
                "first_ms": first,
                "p50": p50,
                "p99": p99,
                "steady_p50": s50,
                "steady_p99": s99,
                "rss_mb": rss_mb,
                "answered": answered,
            }
        )
    )


def run_engine(knowledge: Path, questions: list[str], workdir: Path) -> dict[str, float]:
    qfile = workdir / "questions.json"
    qfile.write_text(json.dumps(questions), encoding="utf-8")
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(knowledge), str(qfile)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = (time.perf_counter() - t0) * 1000
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_ms"] = wall
    return result


def cold_start(knowledge: Path, question: str) -> float:
    """A new interpreter: import, open the fresh index, answer one question, exit."""
    code = (
        "import sys; from pathlib import Path; from bot.engine import Engine; "
        "Engine.open(Path(sys.argv[1])).answer(sys.argv[2])"
    )
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(knowledge), question], check=True, cwd=ROOT)
    return (time.perf_counter() - t0) * 1000


# --- the baselines -------------------------------------------------------------------------


def run_bm25(sentences: list[str], questions: list[str]) -> tuple[float, float, float]:
    from rank_bm25 import BM25Okapi  # noqa: PLC0415

    t0 = time.perf_counter()
    bm25 = BM25Okapi([tokens(s) for s in sentences])
    build = time.perf_counter() - t0
    times = []
    for question in questions:
        t0 = time.perf_counter()
        scores = bm25.get_scores(tokens(question))
        scores.argsort()[-10:]
        times.append((time.perf_counter() - t0) * 1000)
    return (*percentiles(times), build)


def run_fts(sentences: list[str], questions: list[str], workdir: Path) -> tuple[float, float]:
    path = workdir / "plain_fts.sqlite"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text)")
    conn.executemany("INSERT INTO t(text) VALUES (?)", ((s,) for s in sentences))
    conn.commit()
    times = []
    for question in questions:
        match = " OR ".join(f'"{w}"' for w in tokens(question))
        t0 = time.perf_counter()
        if match:
            conn.execute(
                "SELECT rowid, text FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", (match,)
            ).fetchall()
        times.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return percentiles(times)


# --- driver --------------------------------------------------------------------------------


def bench_size(size: int, docs: list[tuple[str, str]], count: int, workdir: Path) -> dict:
    base, _texts = quickbase.build(docs, size)
    knowledge = workdir / f"k{size}"
    knowledge.mkdir(exist_ok=True)
    factbase.write_atomically(knowledge / factbase.FACTS_FILE, factbase.to_yaml(base))
    (knowledge / "index.sqlite").unlink(missing_ok=True)
    from bot.engine.index import ensure_index  # noqa: PLC0415

    t0 = time.perf_counter()
    ensure_index(knowledge, base)  # the base handed over in memory (a reload, a compile)
    handed_s = time.perf_counter() - t0
    (knowledge / "index.sqlite").unlink()
    t0 = time.perf_counter()
    ensure_index(knowledge)  # parse facts.yaml + build index.sqlite
    build_s = time.perf_counter() - t0
    questions = make_questions(base, count)
    engine = run_engine(knowledge, questions, workdir)
    cold_ms = statistics.median(cold_start(knowledge, questions[0]) for _ in range(3))
    sentences = [f.excerpt for f in base.facts]
    bm25_p50, bm25_p99, bm25_build = run_bm25(sentences, questions)
    fts_p50, fts_p99 = run_fts(sentences, questions, workdir)
    return {
        "facts": len(base.facts),
        "entities": len(base.entities),
        "build_s": build_s,
        "handed_s": handed_s,
        "engine": engine,
        "cold_ms": cold_ms,
        "bm25": (bm25_p50, bm25_p99, bm25_build),
        "fts": (fts_p50, fts_p99),
    }


def report(row: dict) -> None:
    e = row["engine"]
    b50, b99, bbuild = row["bm25"]
    f50, f99 = row["fts"]
    print(
        f"\n{row['facts']:,} facts, {row['entities']:,} entities; index build "
        f"(parse facts.yaml + SQLite + FTS5) {row['build_s']:.2f} s, from a base in memory "
        f"(Engine.open(base=...)) {row['handed_s']:.2f} s; rank_bm25 build {bbuild:.2f} s"
    )
    print(f"  {'':12} {'p50 ms':>9} {'p99 ms':>9}")
    print(
        f"  {'engine':12} {e['p50']:9.3f} {e['p99']:9.3f}"
        f"   ({e['answered']} answered, the rest abstained)"
    )
    print(
        f"  {'  (steady)':12} {e['steady_p50']:9.3f} {e['steady_p99']:9.3f}"
        f"   (per question, the median of {PASSES} passes)"
    )
    print(f"  {'rank_bm25':12} {b50:9.3f} {b99:9.3f}")
    print(f"  {'FTS5 plain':12} {f50:9.3f} {f99:9.3f}")
    print(
        f"  ratios p50: rank_bm25/engine {b50 / e['p50']:.1f}x, engine/FTS5 {e['p50'] / f50:.1f}x;"
        f" p99: rank_bm25/engine {b99 / e['p99']:.1f}x, engine/FTS5 {e['p99'] / f99:.1f}x"
    )
    print(
        f"  start to first answer, fresh index: open + first answer {e['first_ms']:.0f} ms;"
        f" whole new interpreter (python start, imports, open, answer) {row['cold_ms']:.0f} ms"
        " (median of 3)"
    )
    print(f"  engine process peak RSS {e['rss_mb']:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument(
        "--child", nargs=2, metavar=("KNOWLEDGE", "QUESTIONS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    pin_to_one_core()
    if args.child:
        child(*args.child)
        return
    if not CORPORA.is_dir():
        sys.exit(f"no corpora at {CORPORA}")
    t0 = time.perf_counter()
    docs = documents()
    print(
        f"read {len(docs):,} documents in {time.perf_counter() - t0:.1f} s; one core; "
        f"{args.questions} questions per size"
    )
    with tempfile.TemporaryDirectory(prefix="bench_engine.") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            report(bench_size(size, docs, args.questions, Path(tmp)))


if __name__ == "__main__":
    main()
