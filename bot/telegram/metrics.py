"""Counters and one latency histogram, rendered as Prometheus text by hand.

Five metrics do not justify prometheus_client and its global registry; these are plain
objects the shells increment from the event loop thread.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

LATENCY_BUCKETS: tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


@dataclass
class Histogram:
    buckets: tuple[float, ...] = LATENCY_BUCKETS
    counts: list[int] = field(default_factory=list)
    total: float = 0.0
    observations: int = 0

    def __post_init__(self) -> None:
        self.counts = [0] * len(self.buckets)

    def observe(self, value: float) -> None:
        index = bisect.bisect_left(self.buckets, value)
        if index < len(self.counts):
            self.counts[index] += 1
        self.total += value
        self.observations += 1

    def lines(self, name: str) -> Iterable[str]:
        running = 0
        for bound, count in zip(self.buckets, self.counts, strict=True):
            running += count
            yield f'{name}_bucket{{le="{bound:g}"}} {running}'
        yield f'{name}_bucket{{le="+Inf"}} {self.observations}'
        yield f"{name}_sum {self.total:.6f}"
        yield f"{name}_count {self.observations}"


@dataclass
class Metrics:
    updates: Counter[str] = field(default_factory=Counter)  # by update kind
    replies: int = 0
    errors: int = 0
    refusals: int = 0
    rate_limited: int = 0
    reloads: Counter[str] = field(default_factory=Counter)  # ok | refused | failed | picked_up
    reply_latency: Histogram = field(default_factory=Histogram)
    # Read at render time so the gauges follow reloads without the metrics knowing why.
    gauges: dict[str, Callable[[], float]] = field(default_factory=dict)

    def render(self) -> str:
        out: list[str] = []

        def family(name: str, kind: str, help_text: str) -> None:
            out.append(f"# HELP {name} {help_text}")
            out.append(f"# TYPE {name} {kind}")

        family("briefbot_updates_total", "counter", "Telegram updates received, by kind.")
        for kind, count in sorted(self.updates.items()):
            out.append(f'briefbot_updates_total{{kind="{kind}"}} {count}')
        if not self.updates:
            out.append('briefbot_updates_total{kind="message"} 0')
        for name, value, help_text in (
            ("briefbot_replies_total", self.replies, "Replies delivered to Telegram."),
            ("briefbot_errors_total", self.errors, "Updates whose handling failed."),
            ("briefbot_refusals_total", self.refusals, "Refusals sent to people not on the team."),
            ("briefbot_rate_limited_total", self.rate_limited, "Messages over the per-user limit."),
        ):
            family(name, "counter", help_text)
            out.append(f"{name} {value}")
        family("briefbot_reloads_total", "counter", "Fact base reloads, by result.")
        for result in ("ok", "refused", "failed", "picked_up"):
            out.append(f'briefbot_reloads_total{{result="{result}"}} {self.reloads[result]}')
        family("briefbot_reply_latency_seconds", "histogram", "Update received to reply sent.")
        out.extend(self.reply_latency.lines("briefbot_reply_latency_seconds"))
        for name, read in sorted(self.gauges.items()):
            family(f"briefbot_{name}", "gauge", f"Current {name.replace('_', ' ')}.")
            out.append(f"briefbot_{name} {read():g}")
        return "\n".join(out) + "\n"
