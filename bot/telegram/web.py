"""The aiohttp server beside the bot: the webhook route, /healthz, /livez and /metrics.

/healthz is 503 while no fact base is loaded (take the replica out of rotation); /livez is
200 while the server answers at all (a liveness probe must not restart a bot that is only
waiting for an admin's /reload, which a restart cannot fix and would cut off).
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.knowledge import Knowledge
from bot.telegram.metrics import Metrics

log = logging.getLogger("briefbot.web")

KNOWLEDGE = web.AppKey("knowledge", Knowledge)
METRICS = web.AppKey("metrics", Metrics)
TELEGRAM = web.AppKey("telegram", Application)
SECRET = web.AppKey("secret", str)
REFUSED_LOG_EVERY = 60.0  # seconds


class RefusedCalls:
    """Warns of webhook calls with a wrong secret at most once a minute, with a count: the
    route is public, and anyone could otherwise fill the log one request at a time."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last: float | None = None
        self.unlogged = 0

    def note(self, remote: str | None) -> None:
        now = self.clock()
        self.unlogged += 1
        if self.last is not None and now - self.last < REFUSED_LOG_EVERY:
            return
        log.warning(
            "webhook call with a wrong secret from %s (%d since the last warning)",
            remote,
            self.unlogged,
        )
        self.last, self.unlogged = now, 0


REFUSED = web.AppKey("refused", RefusedCalls)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_WEBHOOK_PATH = "/telegram"


def webhook_path(webhook_url: str | None) -> str:
    """The route Telegram posts to: the path of BRIEFBOT_WEBHOOK_URL (a proxy may sit in front)."""
    path = urlsplit(webhook_url).path if webhook_url else ""
    return path if path and path != "/" else DEFAULT_WEBHOOK_PATH


def build_web_app(
    knowledge: Knowledge,
    metrics: Metrics,
    *,
    telegram: Application | None = None,
    secret: str | None = None,
    path: str = DEFAULT_WEBHOOK_PATH,
) -> web.Application:
    app = web.Application(client_max_size=2 * 1024 * 1024)
    app[KNOWLEDGE] = knowledge
    app[METRICS] = metrics
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/livez", livez)
    app.router.add_get("/metrics", prometheus)
    if telegram is not None and secret:
        app[TELEGRAM] = telegram
        app[SECRET] = secret
        app[REFUSED] = RefusedCalls()
        app.router.add_post(path, webhook)
    return app


async def healthz(request: web.Request) -> web.Response:
    knowledge = request.app[KNOWLEDGE]
    body: dict[str, Any] = {
        "status": "ok" if knowledge.loaded else "not loaded",
        "loaded": knowledge.loaded,
        "replica": socket.gethostname(),  # the pod name: which replica serves which version
    }
    if knowledge.loaded:
        body |= {"version": knowledge.version, "counts": knowledge.counts()}
    return web.json_response(body, status=200 if knowledge.loaded else 503)


async def livez(request: web.Request) -> web.Response:
    return web.json_response({"status": "alive", "loaded": request.app[KNOWLEDGE].loaded})


async def prometheus(request: web.Request) -> web.Response:
    text = request.app[METRICS].render()
    return web.Response(
        text=text,
        content_type="text/plain",
        charset="utf-8",
        headers={"X-Content-Type-Options": "nosniff"},
    )


async def webhook(request: web.Request) -> web.Response:
    given = request.headers.get(SECRET_HEADER, "")
    # Header bytes that are not UTF-8 arrive as surrogates: a wrong secret, not a server error.
    if not hmac.compare_digest(
        given.encode("utf-8", "surrogateescape"), request.app[SECRET].encode()
    ):
        request.app[REFUSED].note(request.remote)
        return web.Response(status=403, text="forbidden")
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):  # RecursionError: [[[[…
        return web.Response(status=400, text="expected a JSON update")
    telegram = request.app[TELEGRAM]
    if not isinstance(data, dict):
        return web.Response(status=400, text="not a Telegram update")
    try:
        update = Update.de_json(data, telegram.bot)
    except (AttributeError, KeyError, TypeError, ValueError):  # PTB reads fields unchecked
        return web.Response(status=400, text="not a Telegram update")
    # Queue and answer at once: Telegram waits for this response before sending the next update.
    await telegram.update_queue.put(update)
    return web.Response(text="ok")
