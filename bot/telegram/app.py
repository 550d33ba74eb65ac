"""Building the python-telegram-bot Application: endpoints, timeouts and delivery retries.

AIORateLimiter (the "rate-limiter" extra) throttles every request through aiolimiter and
still gives up after a fixed number of RetryAfter errors; a team bot sends few messages, so
reacting only when Telegram complains is enough. RetryingLimiter honours RetryAfter and
retries network errors, timeouts and 5xx with capped exponential backoff, so a reply is
delivered rather than lost while Telegram or the network hiccups.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import Application, BaseRateLimiter
from telegram.request import HTTPXRequest

from bot.errors import ConfigError
from bot.settings import Settings

log = logging.getLogger("briefbot.telegram")


@dataclass(frozen=True)
class Tuning:
    """Timing knobs; production defaults here, tests pass small ones."""

    poll_timeout: float = 10.0  # long-poll seconds asked of getUpdates
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    write_timeout: float = 15.0
    pool_timeout: float = 10.0
    connection_pool: int = 64
    concurrent_updates: int = 64
    retries: int = 6  # network errors, timeouts and 5xx, per request
    backoff: float = 0.5  # first wait; doubles per retry, with jitter
    backoff_max: float = 20.0
    retry_after_max: float = 600.0  # a longer flood wait is not worth holding a reply for
    retry_after_attempts: int = 20
    drop_pending_updates: bool = False


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the attribute will become a timedelta
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class RetryingLimiter(BaseRateLimiter[None]):
    def __init__(
        self, tuning: Tuning, *, on_retry: Callable[[str, str], None] | None = None
    ) -> None:
        self.tuning = tuning
        self.on_retry = on_retry

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(  # noqa: PLR0917 - PTB's BaseRateLimiter signature
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        failures = 0
        floods = 0
        while True:
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                floods += 1
                wait = retry_after_seconds(error)
                if floods > self.tuning.retry_after_attempts or wait > self.tuning.retry_after_max:
                    raise
                self._note(endpoint, "flood")
                log.info("%s: Telegram asks to wait %.1f s; waiting", endpoint, wait)
                await asyncio.sleep(wait)
            except BadRequest:
                raise  # our request is wrong; sending it again will not help
            except NetworkError as error:  # includes TimedOut and 5xx answers
                failures += 1
                if failures > self.tuning.retries:
                    raise
                self._note(endpoint, "network")
                wait = min(self.tuning.backoff_max, self.tuning.backoff * 2 ** (failures - 1))
                wait *= random.uniform(0.8, 1.2)
                log.info("%s failed (%s); retry %d in %.2f s", endpoint, error, failures, wait)
                await asyncio.sleep(wait)

    def _note(self, endpoint: str, why: str) -> None:
        if self.on_retry is not None:
            self.on_retry(endpoint, why)


def file_base_url(api_base_url: str) -> str:
    """Telegram serves files beside the API: https://host/bot → https://host/file/bot."""
    head, _, tail = api_base_url.rstrip("/").rpartition("/")
    return f"{head}/file/{tail}"


def make_requests(tuning: Tuning) -> tuple[HTTPXRequest, HTTPXRequest]:
    """The general request and the one for getUpdates (its read timeout spans the long poll)."""
    general = HTTPXRequest(
        connection_pool_size=tuning.connection_pool,
        connect_timeout=tuning.connect_timeout,
        read_timeout=tuning.read_timeout,
        write_timeout=tuning.write_timeout,
        pool_timeout=tuning.pool_timeout,
    )
    updates = HTTPXRequest(
        connection_pool_size=2,
        connect_timeout=tuning.connect_timeout,
        read_timeout=tuning.poll_timeout + tuning.read_timeout,
        write_timeout=tuning.write_timeout,
        pool_timeout=tuning.pool_timeout,
    )
    return general, updates


def build_application(
    settings: Settings,
    tuning: Tuning,
    *,
    limiter: RetryingLimiter | None = None,
    requests: tuple[HTTPXRequest, HTTPXRequest] | None = None,
) -> Application:
    """An Application bound to settings.api_base_url; in webhook mode it has no Updater."""
    if not settings.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    general, updates = requests or make_requests(tuning)
    builder = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .base_file_url(file_base_url(settings.api_base_url))
        .request(general)
        .get_updates_request(updates)
        .rate_limiter(limiter or RetryingLimiter(tuning))
        .concurrent_updates(tuning.concurrent_updates)
    )
    if settings.mode == "webhook":
        builder = builder.updater(None)  # our aiohttp server receives the updates
    return builder.build()
