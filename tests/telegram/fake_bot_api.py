"""A Bot API server on 127.0.0.1 for tests and benchmarks (aiohttp).

It implements what briefbot calls, with Telegram's JSON shapes: getMe, getUpdates (offset,
limit, long-poll timeout), sendMessage, editMessageText, answerCallbackQuery,
answerInlineQuery, setMyCommands, deleteWebhook, setWebhook, getWebhookInfo, getFile and
the file download route. HTML messages are checked the way Telegram checks them (known
tags, well nested, at most 4,096 characters of text). Faults can be queued per method or
drawn at random: 429 with retry_after, 5xx, dropped connections and slow answers.

Tests play people: `private()`, `group()`, `callback()`, `inline()` and `document()` queue
updates; `wait_for()` waits until the bot has answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-fake-token-9f8e7d6c5b4a"
BOT_USERNAME = "briefbot_test_bot"
STRING_FIELDS = frozenset(
    {
        "text",
        "callback_query_id",
        "inline_query_id",
        "file_id",
        "url",
        "secret_token",
        "parse_mode",
        "caption",
        "offset",
        "next_offset",
        "cache_time_str",
    }
)
HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-spoiler",
        "span",
        "tg-emoji",
    }
)


@dataclass(frozen=True)
class Fault:
    kind: str  # "429" | "500" | "502" | "drop" | "slow"
    retry_after: int = 1
    delay: float = 0.0


@dataclass
class RandomFaults:
    """Faults drawn at random per call, with a rate per method, for the benchmark."""

    rates: dict[str, float]  # method → share of its calls that fail
    kinds: tuple[str, ...] = ("429", "500", "502", "drop", "slow")
    retry_after: int = 1
    delay: float = 0.2
    rng: random.Random = field(default_factory=lambda: random.Random(7))


@dataclass
class User:
    id: int
    first_name: str = "Member"
    username: str | None = None

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data


class TelegramHTMLError(ValueError):
    pass


class _HTMLCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            raise TelegramHTMLError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise TelegramHTMLError(f'Unmatched end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> str:
    """The visible text of a Telegram HTML message; raises like Telegram on bad markup."""
    if re.search(r"&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", text):
        raise TelegramHTMLError("Unsupported HTML entity or unescaped '&'")
    if re.search(r"<(?![a-zA-Z/])", text):
        raise TelegramHTMLError("Unescaped '<'")
    checker = _HTMLCheck()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise TelegramHTMLError(
            f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"'
        )
    return "".join(checker.text)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_id = int(token.split(":", maxsplit=1)[0])
        self.username = username
        self.pending: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._ids = itertools.count(1000)
        self.arrived = asyncio.Event()
        self.activity = asyncio.Event()  # set on every call the bot makes
        self.chats: dict[int, dict[str, Any]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent: list[dict[str, Any]] = []  # every message the bot sent, in order
        self._replies: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        self._replied: dict[tuple[int, int], asyncio.Event] = defaultdict(asyncio.Event)
        self.edits: list[dict[str, Any]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: list[dict[str, Any]] = []
        self.commands: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.faults: dict[str, deque[Fault]] = defaultdict(deque)
        self.random_faults: RandomFaults | None = None
        self.injected: dict[str, int] = defaultdict(int)
        self.conflict = False
        self.stopping = False
        self.pushed_at: dict[tuple[int, int], float] = {}  # (chat, message id) → time queued
        self.latencies: list[float] = []
        self.runner: web.AppRunner | None = None
        self.port = 0

    # --- server ------------------------------------------------------------------------

    async def start(self) -> FakeBotApi:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self.runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = self.runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self.stopping = True
        self.arrived.set()  # release long polls, so the server need not wait them out
        if self.runner is not None:
            await self.runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # --- faults ------------------------------------------------------------------------

    def fail_next(
        self, method: str, kind: str, times: int = 1, *, retry_after: int = 1, delay: float = 0.0
    ) -> None:
        for _ in range(times):
            self.faults[method].append(Fault(kind, retry_after, delay))

    def _draw_fault(self, method: str) -> Fault | None:
        queued = self.faults.get(method)
        if queued:
            return queued.popleft()
        chance = self.random_faults
        if chance and chance.rng.random() < chance.rates.get(method, 0.0):
            return Fault(chance.rng.choice(chance.kinds), chance.retry_after, chance.delay)
        return None

    # --- playing people ----------------------------------------------------------------

    def private(self, user: User, text: str, **extra: Any) -> dict[str, Any]:
        chat = {"id": user.id, "type": "private", "first_name": user.first_name}
        return self._message(user, chat, text, **extra)

    def group(
        self,
        user: User,
        text: str,
        *,
        chat_id: int = -1001,
        reply_to: dict[str, Any] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        chat = {"id": chat_id, "type": "supergroup", "title": "Team room"}
        if reply_to is not None:
            extra["reply_to_message"] = reply_to
        return self._message(user, chat, text, **extra)

    def document(
        self,
        user: User,
        name: str,
        content: bytes,
        *,
        chat: dict[str, Any] | None = None,
        declared_size: int | None = None,
    ) -> dict[str, Any]:
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = (f"documents/{file_id}", content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "mime_type": "text/plain",
            "file_size": len(content) if declared_size is None else declared_size,
        }
        chat = chat or {"id": user.id, "type": "private", "first_name": user.first_name}
        return self._message(user, chat, None, document=document)

    def photo(self, user: User) -> dict[str, Any]:
        chat = {"id": user.id, "type": "private", "first_name": user.first_name}
        size = {
            "file_id": f"photo-{next(self._ids)}",
            "file_unique_id": "p",
            "width": 90,
            "height": 90,
        }
        return self._message(user, chat, None, photo=[size])

    def callback(self, user: User, message: dict[str, Any], data: str) -> int:
        """A press on a button of `message`, which arrives as Telegram holds it now: edited
        text and keyboard, and the message it replies to while that still exists."""
        key = (message["chat"]["id"], message["message_id"])
        current = {
            k: v for k, v in self.messages.get(key, message).items() if k != "reply_to_message"
        }
        replied = message.get("reply_to_message") or self.messages.get(key, {}).get(
            "reply_to_message"
        )
        if replied is not None:
            original = self.messages.get((replied["chat"]["id"], replied["message_id"]))
            if original is not None:  # one level deep, as Telegram nests replies
                current["reply_to_message"] = {
                    k: v for k, v in original.items() if k != "reply_to_message"
                }
        query = {
            "id": str(next(self._ids)),
            "from": user.json(),
            "message": current,
            "chat_instance": "ci-1",
            "data": data,
        }
        return self.push({"callback_query": query})

    def inline(self, user: User, query: str) -> tuple[int, str]:
        query_id = str(next(self._ids))
        self.push(
            {"inline_query": {"id": query_id, "from": user.json(), "query": query, "offset": ""}}
        )
        return self.pending[-1]["update_id"], query_id

    def _message(
        self, user: User, chat: dict[str, Any], text: str | None, **extra: Any
    ) -> dict[str, Any]:
        self.chats.setdefault(chat["id"], chat)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids[chat["id"]]),
            "date": int(time.time()),
            "chat": chat,
            "from": user.json(),
            **extra,
        }
        if text is not None:
            message["text"] = text
            entities = _entities(text)
            if entities:
                message["entities"] = entities
        self.messages[(chat["id"], message["message_id"])] = message
        self.pushed_at[(chat["id"], message["message_id"])] = time.perf_counter()
        self.push({"message": message})
        return message

    def delete(self, message: dict[str, Any]) -> None:
        """A person deletes a message; replies to it lose their reply_to_message."""
        self.messages.pop((message["chat"]["id"], message["message_id"]), None)

    def push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self.pending.append({"update_id": update_id, **payload})
        self.arrived.set()
        return update_id

    # --- looking at what the bot did ---------------------------------------------------

    def replies_to(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        return list(self._replies.get((message["chat"]["id"], message["message_id"]), ()))

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        return [m for m in self.sent if m["chat"]["id"] == chat_id]

    def called(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_for(self, condition: Callable[[], Any], timeout: float = 10.0) -> Any:  # noqa: ASYNC109
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out after {timeout} s waiting for the bot")
            self.activity.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.activity.wait(), min(remaining, 0.2))

    async def reply(self, message: dict[str, Any], timeout: float = 10.0) -> dict[str, Any]:  # noqa: ASYNC109
        """The bot's first reply to `message`, waiting for it if need be."""
        key = (message["chat"]["id"], message["message_id"])
        try:
            await asyncio.wait_for(self._replied[key].wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"no reply to {message.get('text')!r} within {timeout} s"
            ) from None
        return self._replies[key][0]

    # --- the API -----------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        fault = self._draw_fault(method)
        if fault is not None:
            self.injected[fault.kind] += 1
            if fault.kind == "slow":
                await asyncio.sleep(fault.delay)
            elif fault.kind == "drop":
                assert request.transport is not None
                request.transport.close()
                raise asyncio.CancelledError  # aiohttp drops the request without a response
            elif fault.kind == "429":
                return _error(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    parameters={"retry_after": fault.retry_after},
                )
            else:
                return _error(
                    int(fault.kind),
                    "Internal Server Error" if fault.kind == "500" else "Bad Gateway",
                )
        handler = getattr(self, f"api_{method}", None)
        if handler is None:
            return _error(404, "Not Found")
        self.calls.append((method, params))
        try:
            result = await handler(params)
        except ApiError as exc:
            return _error(exc.code, exc.description)
        finally:
            self.activity.set()
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for stored_path, content in self.files.values():
            if stored_path == path:
                return web.Response(body=content)
        return web.Response(status=404)

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Briefbot",
            "username": self.username,
        }

    async def api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.conflict:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        if not self.pending and timeout > 0 and not self.stopping:
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), timeout)
        return self.pending[:limit]

    async def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        text = str(params.get("text", ""))
        _check_text(text, params.get("parse_mode"))
        chat = self.chats.get(chat_id) or {"id": chat_id, "type": "private", "first_name": "?"}
        message: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user(),
            "text": text,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        reply = params.get("reply_parameters") or {}
        replied_id = reply.get("message_id") or params.get("reply_to_message_id")
        if replied_id:
            original = self.messages.get((chat_id, int(replied_id)))
            if original is not None:  # Telegram returns the message replied to, one level deep
                message["reply_to_message"] = {
                    k: v for k, v in original.items() if k != "reply_to_message"
                }
        record = {**message, "parse_mode": params.get("parse_mode")}
        self.sent.append(record)
        if replied_id:
            key = (chat_id, int(replied_id))
            record["reply_to_message_id"] = key[1]
            queued = self.pushed_at.get(key)
            if queued is not None and not self._replies[key]:
                self.latencies.append(time.perf_counter() - queued)
            self._replies[key].append(record)
            self._replied[key].set()
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = str(params["text"])
        _check_text(text, params.get("parse_mode"))
        markup = params.get("reply_markup")
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content "
                "and reply markup are exactly the same",
            )
        message["text"] = text
        if markup:
            message["reply_markup"] = markup
        self.edits.append({**params, "chat_id": key[0], "message_id": key[1]})
        return message

    async def api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        self.callback_answers.append(params)
        return True

    async def api_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        for result in params.get("results") or []:
            content = result.get("input_message_content") or {}
            _check_text(content.get("message_text", ""), content.get("parse_mode"))
        self.inline_answers.append(params)
        return True

    async def api_setMyCommands(self, params: dict[str, Any]) -> bool:
        scope = params.get("scope") or {"type": "default"}
        if scope.get("type") == "chat" and int(scope["chat_id"]) not in self.chats:
            raise ApiError(400, "Bad Request: chat not found")
        self.commands.append(params)
        return True

    async def api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    async def api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = dict(params)
        return True

    async def api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending),
        }

    async def api_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        path, content = self.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "file_path": path,
        }


class ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _error(code: int, description: str, **extra: Any) -> web.Response:
    body = {"ok": False, "error_code": code, "description": description, **extra}
    return web.json_response(body, status=code)


def _check_text(text: str, parse_mode: str | None) -> None:
    visible = text
    if parse_mode == "HTML":
        try:
            visible = parse_html(text)
        except TelegramHTMLError as exc:
            raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
    if not visible.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(visible) > 4096:
        raise ApiError(400, "Bad Request: message is too long")


async def _params(request: web.Request) -> dict[str, Any]:
    """PTB posts JSON-encoded values in a form (or multipart with files); decode both."""
    if request.content_type == "application/json":
        body = await request.json() if request.can_read_body else {}
        return dict(body)
    form = await request.post() if request.can_read_body else {}
    params: dict[str, Any] = dict(request.query)
    for key, value in form.items():
        if not isinstance(value, str):
            continue
        if key in STRING_FIELDS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


def _entities(text: str) -> list[dict[str, Any]]:
    entities = []
    command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
    for mention in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{3,}", text):
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: mention.start()]),
                "length": utf16_len(mention.group()),
            }
        )
    return entities
