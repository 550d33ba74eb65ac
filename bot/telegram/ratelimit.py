"""A per-user token bucket: `rate` messages per `window` seconds, refilled continuously."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

LIMITED = (
    "You are sending questions faster than I can brief. Please wait {seconds} s and ask again."
)


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


class RateLimiter:
    def __init__(
        self, rate: int, window: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = float(rate)
        self.per_second = rate / window
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}

    def take(self, user_id: int) -> float:
        """0.0 when the message may pass, else the seconds until one will."""
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = _Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.per_second)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return 0.0
        return (1.0 - bucket.tokens) / self.per_second

    def should_warn(self, user_id: int) -> bool:
        """Warn once per run of refused messages, so a flood is not answered with a flood."""
        bucket = self._buckets.get(user_id)
        if bucket is None or bucket.warned:
            return False
        bucket.warned = True
        return True

    def message(self, wait: float) -> str:
        return LIMITED.format(seconds=max(1, round(wait)))
