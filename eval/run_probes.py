"""Score the engine on the held-out probe sets in eval/probes/, through the command line.

    .venv/bin/python eval/run_probes.py [--cmd .venv/bin/briefbot] [--shared ../shared]

Each probe file names its documents in a first line `# documents: a, b` (members of the
corpora in ../shared/corpora, read from the tarballs into a temporary seeds folder, never
copied into the project) or `# documents: the repository's seeds/`. Each set is compiled
into a temporary knowledge folder and scored by ../shared/eval/score_qa.py.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("bbc_news", "news_commentary_centralasia", "news_commentary_en")


def documents(probe: Path) -> list[str] | None:
    """Corpus members the probe is over; None for the repository's own seeds."""
    first = probe.read_text(encoding="utf-8").splitlines()[0]
    listed = first.removeprefix("# documents:").strip()
    if listed.startswith("the repository"):
        return None
    return [name.strip() for name in listed.split(",")]


def unpack(members: list[str], corpora: Path, seeds: Path) -> None:
    wanted = set(members)
    for corpus in CORPORA:
        if not any(m.startswith(corpus + "/") for m in wanted):
            continue
        with tarfile.open(corpora / f"{corpus}.tar.gz") as archive:
            for member in archive:
                if member.name in wanted and member.isfile():
                    data = archive.extractfile(member)
                    assert data is not None
                    (seeds / Path(member.name).name).write_bytes(data.read())
                    wanted.discard(member.name)
    if wanted:
        raise SystemExit(f"not in the corpora: {', '.join(sorted(wanted))}")


def score(probe: Path, cmd: list[str], shared: Path, seeds: Path, knowledge: Path) -> str:
    where = ["--seeds", str(seeds), "--knowledge", str(knowledge)]
    subprocess.run([*cmd, *where, "compile"], check=True, capture_output=True)
    scorer = [sys.executable, str(shared / "eval" / "score_qa.py"), str(probe)]
    scorer += ["--seeds", str(seeds), "--cmd", shlex.join([*cmd, *where]), "--quiet"]
    result = subprocess.run(scorer, check=True, capture_output=True, text=True)
    return " | ".join(result.stdout.strip().splitlines()[-2:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmd", default=str(ROOT / ".venv" / "bin" / "briefbot"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    cmd = shlex.split(args.cmd)
    for probe in sorted((ROOT / "eval" / "probes").glob("*.yaml")):
        with tempfile.TemporaryDirectory(prefix="briefbot-probe-") as tmp:
            members = documents(probe)
            seeds = ROOT / "seeds" if members is None else Path(tmp) / "seeds"
            if members is not None:
                seeds.mkdir()
                unpack(members, args.shared / "corpora", seeds)
            line = score(probe, cmd, args.shared, seeds, Path(tmp) / "knowledge")
            print(f"{probe.stem:8} {line}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
