"""How well the compiler splits a file of pasted articles, on the shared corpora.

    .venv/bin/python benchmarks/bench_segment.py [--n 300] [--seed 7] [--show]

For BBC news and the News Commentary op-eds (NC): N random files of two to four documents
joined by one blank line, each laid out as title line, blank line, text (the way users paste
several articles into one file); a file counts as split exactly when segment() gives one
article per document, titled by its first line. And every document alone (BBC, NC, NC
Central Asia): how many are split into more than one article, wrongly. --show prints the misses.
Reads ../shared/corpora/*.tar.gz members straight into memory.
"""

from __future__ import annotations

import argparse
import random
import sys
import tarfile
import time
from pathlib import Path

from bot.compiler.cleaning import mask_editorial_markers
from bot.compiler.segment import segment

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAMES = ("bbc_news", "news_commentary_en", "news_commentary_centralasia")
JOINED = ("bbc_news", "news_commentary_en")


def read(name: str) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
    with tarfile.open(CORPORA / f"{name}.tar.gz", "r|gz") as archive:  # one pass: no seeks
        for member in archive:
            if member.isfile() and member.name.endswith(".txt"):
                data = archive.extractfile(member)
                if data is not None:
                    docs.append((member.name, data.read().decode("utf-8", "replace")))
    return sorted(docs)


def titles(text: str) -> list[str]:
    return [article.title for article in segment(mask_editorial_markers(text))]


def wrong_splits(docs: list[tuple[str, str]], show: bool) -> tuple[int, float]:
    wrong = 0
    start = time.process_time()
    for path, text in docs:
        got = titles(text)
        if len(got) > 1:
            wrong += 1
            if show:
                print(f"  alone {path}: {got[1:3]}")
    return wrong, time.process_time() - start


def pasted(docs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """The documents laid out as title line, blank line, text, with their titles."""
    usable = []
    for path, text in docs:
        first, _, rest = text.strip().partition("\n")
        if rest.startswith("\n") and 0 < len(first.split()) <= 25:
            usable.append((path, text.strip(), first.strip()))
    return usable


def exact_splits(docs: list[tuple[str, str]], n: int, seed: int, show: bool) -> int:
    usable = pasted(docs)
    rng = random.Random(seed)
    exact = 0
    for _ in range(n):
        picked = rng.sample(usable, rng.randint(2, 4))
        expected = [title for _, _, title in picked]
        got = titles("\n\n".join(text for _, text, _ in picked) + "\n")
        if got == expected:
            exact += 1
        elif show:
            print(f"  joined {[path for path, _, _ in picked]}\n    expected {expected}")
            print(f"    got      {got}")
    return exact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="joined files per corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true", help="print every miss")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"no corpora at {CORPORA}")
    for name in NAMES:
        docs = read(name)
        wrong, seconds = wrong_splits(docs, args.show)
        line = f"{name}: {len(docs)} alone, {wrong} split wrongly ({seconds:.2f} s CPU)"
        if name in JOINED:
            exact = exact_splits(docs, args.n, args.seed, args.show)
            line += f"; {args.n} joined files, {exact} split exactly"
        print(line, flush=True)


if __name__ == "__main__":
    main()
