"""Delivery benchmark: 200 simulated team members send 2,000 messages to the real bot.

The bot (python-telegram-bot Application, real compiler and engine over a copy of seeds/)
polls the loopback fake Bot API from tests/telegram/fake_bot_api.py, in the same process.
Two load shapes, each run on a clean API and then on one that injects faults at random
(429 with retry_after=1, 500, 502, dropped connections, slow answers) into 5% of sendMessage
and 1% of getUpdates calls (after a failed getUpdates, PTB's polling loop waits 1 s or more):

- burst: every user asks, waits for the answer, and asks again at once: the most replies
  per second the loopback system delivers (latency there is just queueing: users/throughput);
- paced: the same 2,000 messages from the 200 users arriving at --rate messages/s (Poisson):
  the reply latency a team sees under a steady load.

Every run asserts that each message got exactly one reply (none lost, none duplicated).
Latency = update queued at the API → the reply received by the API.

Then the fact base watch that replicas run every BRIEFBOT_WATCH_SECONDS (real compiler and
engine over seeds/): `Knowledge.refresh_if_changed()` when nothing changed (one stat), when
facts.yaml was rewritten with the same bytes (a hash), and when another instance saved a new
version (hash, index build, engine open, swap). `--watch-only` runs just this part.

    .venv/bin/python benchmarks/bench_bot.py [--users 200] [--messages 2000] [--rate 50]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "telegram"))

from fake_bot_api import FakeBotApi, RandomFaults, User  # noqa: E402

from bot.knowledge import Knowledge  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram.app import Tuning  # noqa: E402
from bot.telegram.runner import build_bot  # noqa: E402

QUESTIONS = (
    "Who leads the Islamic Jihad Union?",
    "which provinces does IJU operate in",
    "When did the State Department designate KIB?",
    "/brief KIB",
    "/who Tokayev",
    "/timeline 2020",
    "/quote Mirziyoyev",
    "/sources",
    "/search sanctions",
    "What is the GDP of Kazakhstan?",
    "usmanov sanctions",
    "who leeds the islamic jihad unoin",
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(
    users: int, messages: int, fault_rate: float, seed: int, rate: float | None = None
) -> dict[str, object]:
    workdir = Path(tempfile.mkdtemp(prefix="bench_bot_"))
    shutil.copytree(ROOT / "seeds", workdir / "seeds")
    fake = await FakeBotApi().start()
    if fault_rate:
        fake.random_faults = RandomFaults(
            rates={"sendMessage": fault_rate, "getUpdates": fault_rate / 5},
            retry_after=1,
            delay=0.2,
            rng=random.Random(seed),
        )
    people = [User(10_000 + i, f"user{i}") for i in range(users)]
    settings = Settings(
        seeds=workdir / "seeds",
        knowledge=workdir / "knowledge",
        token=fake.token,
        api_base_url=fake.base_url,
        team=frozenset(p.id for p in people),
        admins=frozenset(),
        port=0,
        rate_limit=10_000,
        rate_window=60.0,
        audit_db=workdir / "audit.sqlite",
    )
    knowledge = Knowledge(settings.seeds, settings.knowledge)
    result = knowledge.open()
    if not knowledge.loaded:
        problems = "; ".join(result.problems[:3]) if result else "?"
        raise SystemExit(f"the seeds did not compile, nothing to benchmark: {problems}")
    tuning = Tuning(poll_timeout=5.0, backoff=0.05, backoff_max=1.0, retries=8)
    bot = build_bot(settings, tuning=tuning, knowledge=knowledge)
    await bot.start()
    rng = random.Random(seed)
    per_user = [messages // users + (1 if i < messages % users else 0) for i in range(users)]
    asked: list[dict[str, object]] = []
    lost = 0

    async def member(person: User, count: int) -> None:
        nonlocal lost
        for _ in range(count):
            message = fake.private(person, rng.choice(QUESTIONS))
            asked.append(message)
            try:
                await fake.reply(message, timeout=60)
            except AssertionError:
                lost += 1
            await asyncio.sleep(rng.uniform(0, 0.05))

    async def paced() -> None:
        nonlocal lost
        assert rate
        waiting = []
        for _ in range(messages):
            message = fake.private(rng.choice(people), rng.choice(QUESTIONS))
            asked.append(message)
            waiting.append(asyncio.ensure_future(fake.reply(message, timeout=60)))
            await asyncio.sleep(rng.expovariate(rate))
        for outcome in await asyncio.gather(*waiting, return_exceptions=True):
            lost += isinstance(outcome, AssertionError)

    started = time.perf_counter()
    if rate:
        await paced()
    else:
        await asyncio.gather(*(member(p, n) for p, n in zip(people, per_user, strict=True)))
    wall = time.perf_counter() - started
    await asyncio.sleep(1.0)  # let any late duplicate arrive before counting
    await bot.stop()
    await fake.stop()
    shutil.rmtree(workdir, ignore_errors=True)
    counts = [len(fake.replies_to(m)) for m in asked]
    return {
        "messages": len(asked),
        "lost": sum(c == 0 for c in counts),
        "duplicated": sum(c > 1 for c in counts),
        "wall": wall,
        "rate": len(asked) / wall,
        "p50": statistics.median(fake.latencies) * 1000,
        "p99": percentile(fake.latencies, 0.99) * 1000,
        "faults": dict(sorted(fake.injected.items())),
    }


def timed(function: Callable[[], object], repeats: int) -> float:
    """Median seconds of `repeats` calls."""
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def watch_costs() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench_watch_"))
    try:
        shutil.copytree(ROOT / "seeds", workdir / "seeds")
        saver = Knowledge(workdir / "seeds", workdir / "knowledge")
        if not saver.reload().ok:
            raise SystemExit("the seeds did not compile, nothing to benchmark")
        watcher = Knowledge(workdir / "seeds", workdir / "knowledge")
        watcher.open()
        facts = workdir / "knowledge" / "facts.yaml"
        versions = [facts.read_bytes(), facts.read_bytes() + b"# another version\n"]

        def rewrite_same() -> None:
            facts.write_bytes(versions[0])
            watcher.refresh_if_changed()

        turn = iter(range(10**9))

        def new_version() -> None:
            facts.write_bytes(versions[(next(turn) + 1) % 2])
            assert watcher.refresh_if_changed() is not None

        unchanged = timed(watcher.refresh_if_changed, 2000)
        write_only = timed(lambda: facts.write_bytes(versions[0]), 50)
        same = timed(rewrite_same, 50) - write_only
        changed = timed(new_version, 10) - write_only
        print(
            f"watch, facts.yaml {len(versions[0]) / 1e6:.2f} MB: "
            f"unchanged {unchanged * 1e6:.0f} µs; "
            f"same bytes rewritten {same * 1e3:.2f} ms (x{same / unchanged:.0f}); "
            f"new version picked up {changed * 1e3:.0f} ms (x{changed / unchanged:.0f})"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument(
        "--fault-rate",
        type=float,
        default=0.05,
        help="share of sendMessage calls that fail (getUpdates: a fifth of it)",
    )
    parser.add_argument("--rate", type=float, default=50.0, help="paced arrivals per second")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--watch-only", action="store_true", help="only the fact base watch")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.watch_only:
        watch_costs()
        return
    print(f"{args.users} users, {args.messages} messages, loopback fake Bot API, one process")
    results = {}
    for shape, pace in (("burst", None), ("paced", args.rate)):
        for faults, fault_rate in (("clean", 0.0), ("faults", args.fault_rate)):
            label = f"{shape}/{faults}"
            result = asyncio.run(run(args.users, args.messages, fault_rate, args.seed, pace))
            results[label] = result
            print(
                f"{label:>13}: {result['messages']} messages in {result['wall']:.1f} s = "
                f"{result['rate']:.0f} replies/s; latency p50 {result['p50']:.0f} ms, "
                f"p99 {result['p99']:.0f} ms; lost {result['lost']}, "
                f"duplicated {result['duplicated']}; faults injected {result['faults'] or 'none'}",
                flush=True,
            )
    for shape in ("burst", "paced"):
        clean, faulty = results[f"{shape}/clean"], results[f"{shape}/faults"]
        print(
            f"{shape} faults/clean: throughput x{faulty['rate'] / clean['rate']:.2f}, "
            f"p50 x{faulty['p50'] / clean['p50']:.1f}, p99 x{faulty['p99'] / clean['p99']:.1f}"
        )
    broken = [k for k, r in results.items() if r["lost"] or r["duplicated"]]
    if broken:
        raise SystemExit(f"FAILED: replies lost or duplicated in {', '.join(broken)}")
    print("OK: every message answered exactly once in every run")
    watch_costs()


if __name__ == "__main__":
    main()
