"""Start and stop everything: fact base, Application, aiohttp server; signals and conflicts.

The Application's lifecycle is a cleanup context of the aiohttp app, so one `runner.cleanup()`
stops accepting webhooks, lets in-flight replies finish, then closes the bot cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot.errors import BotApiError, BriefbotError, ConfigError, PollingConflict
from bot.knowledge import Knowledge
from bot.settings import Settings
from bot.telegram import handlers
from bot.telegram.app import RetryingLimiter, Tuning, build_application, make_requests
from bot.telegram.audit import AuditLog
from bot.telegram.services import Services
from bot.telegram.web import build_web_app, webhook_path

log = logging.getLogger("briefbot.telegram")

CONFLICT = (
    "another bot instance is already polling with this token (Telegram answered 409 Conflict); "
    "stop it or use webhook mode"
)


@dataclass
class Bot:
    """A configured, not yet started bot: services, Application and web server."""

    settings: Settings
    services: Services
    application: Application
    web_app: web.Application
    requests: tuple[HTTPXRequest, ...] = ()
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    interrupted: asyncio.Event = field(default_factory=asyncio.Event)  # SIGTERM/SIGINT
    conflict: bool = False
    runner: web.AppRunner | None = None
    watcher: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        """The port the server listens on (useful when settings.port is 0)."""
        assert self.runner is not None and self.runner.addresses, "start() first"
        return int(self.runner.addresses[0][1])

    async def start(self) -> None:
        self.runner = web.AppRunner(self.web_app, handle_signals=False, access_log=None)
        try:
            await self.runner.setup()  # runs the Telegram lifecycle below up to its yield
        except InvalidToken:
            raise BotApiError("Telegram rejected TELEGRAM_BOT_TOKEN (unauthorized)") from None
        except NetworkError as exc:
            raise BotApiError(
                f"cannot reach the Bot API at {_host(self.settings)}: {exc}"
            ) from None
        except TelegramError as exc:
            raise BotApiError(f"the Bot API refused to start the bot: {exc}") from None
        site = web.TCPSite(self.runner, self.settings.host, self.settings.port)
        try:
            await site.start()
        except OSError as exc:
            await self.stop()
            where = f"{self.settings.host}:{self.settings.port}"
            raise ConfigError(
                f"BRIEFBOT_HOST/BRIEFBOT_PORT: cannot listen on {where}: {exc.strerror or exc}"
            ) from None
        log.warning(
            "briefbot serving in %s mode; web server on %s:%s",
            self.settings.mode,
            self.settings.host,
            self.port,
        )

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None

    async def wait(self) -> None:
        await self.stopping.wait()

    def request_stop(self) -> None:
        self.interrupted.set()
        self.stopping.set()

    def on_polling_error(self, error: TelegramError) -> None:
        if isinstance(error, Conflict):
            if not self.conflict:  # serve() raises it as the one line the operator reads
                log.info(CONFLICT)
            self.conflict = True
            self.stopping.set()
        else:
            log.warning("polling failed (%s: %s); retrying", type(error).__name__, error)

    async def _telegram(self, _: web.Application) -> AsyncIterator[None]:
        application = self.application
        try:
            await application.initialize()
            await handlers.publish_commands(application)
            if self.settings.mode == "webhook":
                assert self.settings.webhook_url
                await application.bot.set_webhook(
                    self.settings.webhook_url,
                    secret_token=self.settings.webhook_secret,
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=self.services.tuning.drop_pending_updates,
                )
            else:
                assert application.updater is not None
                await application.updater.start_polling(
                    timeout=dt.timedelta(seconds=self.services.tuning.poll_timeout),
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=self.services.tuning.drop_pending_updates,
                    error_callback=self.on_polling_error,
                )
            await application.start()
            if self.settings.watch_seconds > 0:
                self.watcher = asyncio.create_task(
                    watch_fact_base(self.services, self.settings.watch_seconds),
                    name="briefbot-watch",
                )
        except BaseException:
            await _quietly(application.shutdown())
            for request in self.requests:  # initialize() may have opened them before failing
                await _quietly(request.shutdown())
            raise
        yield
        if self.watcher is not None:
            self.watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.watcher
            self.watcher = None
        if application.updater is not None and application.updater.running:
            # stop() confirms the updates already fetched; after a conflict the other instance
            # owns them and PTB would log that failure with a traceback, so mute it.
            updater_log = logging.getLogger("telegram.ext.Updater")
            updater_log.disabled = self.conflict
            try:
                await application.updater.stop()
            finally:
                updater_log.disabled = False
        await application.stop()  # waits for queued and in-flight updates to finish
        await application.shutdown()
        self.services.engine_pool.shutdown(wait=True)
        self.services.audit.close()


async def watch_fact_base(services: Services, interval: float) -> None:
    """Serve the facts.yaml another replica saved on the shared volume, within one interval."""
    knowledge = services.knowledge
    while True:
        await asyncio.sleep(interval)
        try:
            version = await asyncio.to_thread(knowledge.refresh_if_changed)
        except Exception:  # refresh_if_changed already keeps broken files out; be sure anyway
            log.exception("checking the fact base for changes failed")
            continue
        if version is not None:
            services.metrics.reloads["picked_up"] += 1
            log.warning("now serving fact base %s, saved by another instance", version[:12])


def open_audit(settings: Settings) -> AuditLog:
    path = settings.audit_db or settings.knowledge / "audit.sqlite"
    try:
        return AuditLog(path)
    except (OSError, sqlite3.Error) as exc:  # a directory, a read-only mount, a missing parent
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(
            f"BRIEFBOT_AUDIT_DB: cannot open the audit log {path}: {reason}"
        ) from None


def build_bot(
    settings: Settings,
    *,
    tuning: Tuning | None = None,
    knowledge: Knowledge | None = None,
    audit: AuditLog | None = None,
) -> Bot:
    tuning = tuning or Tuning()
    knowledge = knowledge or Knowledge.from_settings(settings)
    audit = audit or open_audit(settings)
    services = Services(settings=settings, knowledge=knowledge, audit=audit, tuning=tuning)
    requests = make_requests(tuning)
    application = build_application(
        settings, tuning, limiter=RetryingLimiter(tuning), requests=requests
    )
    handlers.register(application, services)

    # Close a replaced engine on the engine thread, after the answers queued before it.
    def retire(old: object) -> None:
        services.engine_pool.submit(_close, old)

    knowledge.on_retire = retire
    web_app = build_web_app(
        knowledge,
        services.metrics,
        telegram=application if settings.mode == "webhook" else None,
        secret=settings.webhook_secret,
        path=webhook_path(settings.webhook_url),
    )
    bot = Bot(settings, services, application, web_app, requests)
    web_app.cleanup_ctx.append(bot._telegram)
    return bot


async def serve(
    settings: Settings,
    *,
    tuning: Tuning | None = None,
    on_ready: Callable[[Bot], None] | None = None,
) -> None:
    """Run until SIGTERM/SIGINT (returns normally) or a polling conflict (raises PollingConflict
    after settings.conflict_wait seconds)."""
    knowledge = Knowledge.from_settings(settings)
    await _open_knowledge(knowledge)
    bot = build_bot(settings, tuning=tuning, knowledge=knowledge)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, bot.request_stop)
    try:
        await bot.start()
        if on_ready is not None:
            on_ready(bot)
        await bot.wait()
        log.warning("stopping: finishing replies in flight")
    finally:
        await bot.stop()
        if bot.conflict:
            await _pause_before_exit(bot, settings.conflict_wait)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
    if bot.conflict:
        raise PollingConflict(CONFLICT)


async def _pause_before_exit(bot: Bot, seconds: float) -> None:
    """After a conflict, wait before exiting: a restart policy (compose restarts whatever the
    status) then asks Telegram once per interval instead of in a tight loop. SIGTERM ends it."""
    if seconds <= 0:
        return
    log.info("waiting %g s before exiting (BRIEFBOT_CONFLICT_WAIT)", seconds)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(bot.interrupted.wait(), seconds)


async def _open_knowledge(knowledge: Knowledge) -> None:
    """Serve even without a fact base (healthz says 503, admins can /reload), but say why."""
    try:
        result = await asyncio.to_thread(knowledge.open)
    except Exception as exc:  # a broken index or base must not keep the bot from starting
        log.error("fact base not loaded: %s", exc, exc_info=not isinstance(exc, BriefbotError))
        return
    if result is not None and not result.ok:
        log.error("fact base not loaded: %s", "; ".join(result.problems[:5]))


def _close(engine: object) -> None:
    close = getattr(engine, "close", None)
    if callable(close):
        close()


def _host(settings: Settings) -> str:
    return urlsplit(settings.api_base_url).netloc or settings.api_base_url


async def _quietly(awaitable: object) -> None:
    with contextlib.suppress(Exception):
        await awaitable  # type: ignore[misc]


__all__ = ["Bot", "build_bot", "serve"]
