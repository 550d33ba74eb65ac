"""What the handlers share: the knowledge holder, access rules, limiter, audit, metrics."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bot.knowledge import Knowledge
from bot.settings import Settings
from bot.telegram.access import Access
from bot.telegram.app import Tuning
from bot.telegram.audit import AuditLog
from bot.telegram.metrics import Metrics
from bot.telegram.ratelimit import RateLimiter


@dataclass
class Services:
    settings: Settings
    knowledge: Knowledge
    audit: AuditLog
    tuning: Tuning = field(default_factory=Tuning)
    metrics: Metrics = field(default_factory=Metrics)
    # One thread runs every engine call: the engine shares one SQLite connection and answers
    # in milliseconds, so a single worker keeps it safe without slowing anyone down, while
    # reloads compile on other threads.
    engine_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="engine")
    )
    access: Access = field(init=False)
    limiter: RateLimiter = field(init=False)
    # Telegram sends an inline query at each pause while someone types "@bot words", so inline
    # mode has a bucket of its own: typing one search must not use up the questions allowed.
    inline_limiter: RateLimiter = field(init=False)
    # Button presses too: each "Excerpt" press sends a message, and a flood of them would run
    # into Telegram's limit for the whole bot, delaying everyone's replies.
    press_limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.access = Access(self.settings.team, self.settings.admins)
        self.limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window)
        self.inline_limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window)
        self.press_limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window)
        self.metrics.gauges.setdefault("facts", lambda: self.knowledge.counts()["facts"])
        self.metrics.gauges.setdefault("sources", lambda: self.knowledge.counts()["sources"])
        self.metrics.gauges.setdefault("fact_base_loaded", lambda: float(self.knowledge.loaded))
