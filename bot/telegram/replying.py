"""What every handler shares: reaching the engine off the loop, replying, buttons, counting.

Buttons hold no state on the replica that drew them. Every answer is sent as a reply to the
question, so a button press arrives with that question (`message.reply_to_message`); the
engine answers it again, which for one fact base version gives the same pages. The button
data names the kind, the page or excerpt, the version (8 hex digits) and a digest of the
question, so a press after a reload, or on an edited question, is refused instead of showing
the wrong page. Any replica can serve any press.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes

from bot.knowledge import EngineLike
from bot.render_html import citations, render_html
from bot.reply import Citation, Reply
from bot.telegram.services import Services

T = TypeVar("T")
Context = ContextTypes.DEFAULT_TYPE
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
EXCERPT_BUTTONS = 8
HELP_COMMANDS = ("/start", "/help")
HELP_SOURCES = 10  # sources /start and /help name; /sources lists them all
VERSION_TAG = 8  # hex digits of the fact base version in button data
QUESTION_TAG = 6  # hex digits of the question's digest


@dataclass(frozen=True)
class Answer:
    """A reply and the version of the fact base that made it ("" when none is loaded)."""

    reply: Reply
    version: str

    @property
    def tag(self) -> str:
        return self.version[:VERSION_TAG]


def services_of(holder: Context | Application) -> Services:
    services: Services = holder.bot_data["services"]
    return services


def make_answer(services: Services, text: str) -> Answer:
    """The engine's reply to `text` and its version, from one engine even if a reload swaps it."""
    engine = services.knowledge.engine
    if engine is None:
        return Answer(services.knowledge.answer(text), "")
    if text.split(" ", 1)[0] in HELP_COMMANDS:
        return Answer(help_reply(engine), engine.version)
    return Answer(engine.answer(text), engine.version)


def help_reply(engine: EngineLike) -> Reply:
    """How to ask (the engine's own examples), then what the bot knows: the counts and the
    first HELP_SOURCES sources. Every source named before the commands put them 28 pages
    down for a base of 1,600 articles, and /start is the first thing everyone sends."""
    counts = engine.counts()
    sources = engine.answer("/sources").rows
    base = engine.answer("/help")
    notice = (
        f"I brief the team from {counts['sources']} sources: {counts['facts']} facts about "
        f"{counts['entities']} people, groups and places, each quoted word for word "
        "with its source."
    )
    # The engine's own notice restates the counts; ours says the same with the sources named.
    named = tuple(f"Source: {row}" for row in sources[:HELP_SOURCES])
    if len(sources) > HELP_SOURCES:
        named += (f"… and {len(sources) - HELP_SOURCES} more sources: /sources",)
    return replace(base, title=base.title or "What I know", notice=notice, rows=base.rows + named)


def answer_and_audit(services: Services, update: Update, text: str, event: str) -> Answer:
    started = time.perf_counter()
    answer = make_answer(services, text)
    elapsed_ms = (time.perf_counter() - started) * 1000
    chat = update.effective_chat
    user = update.effective_user
    services.audit.record(
        event,
        user_id=user.id if user else None,
        chat_id=chat.id if chat else None,
        chat_type=chat.type if chat else None,
        text=text,
        reply_kind=answer.reply.kind,
        fact_ids=[c.fact_id for c in citations(answer.reply)],
        elapsed_ms=elapsed_ms,
    )
    return answer


@dataclass(frozen=True)
class Paged:
    """An answer as Telegram shows it: HTML pages and the citations its buttons open."""

    pages: list[str]
    shown: tuple[Citation, ...]
    tag: str  # version tag + question digest, carried by every button


def paged(answer: Answer, question: str) -> Paged:
    return Paged(
        render_html(answer.reply),
        citations(answer.reply),
        f"{answer.tag}:{question_digest(question)}",
    )


def question_digest(question: str) -> str:
    return hashlib.blake2s(question.encode(), digest_size=4).hexdigest()[:QUESTION_TAG]


async def send_reply(message: Message, answer: Answer, question: str) -> Message:
    page = paged(answer, question)
    return await reply_to(
        message,
        page.pages[0],
        parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW,
        reply_markup=keyboard(page.tag if answer.version else "", 0, page),
    )


def keyboard(tag: str, index: int, page: Paged) -> InlineKeyboardMarkup | None:
    """Page and excerpt buttons; none without a tag (nothing to re-derive the answer from)."""
    if not tag:
        return None
    pages = len(page.pages)
    rows: list[list[InlineKeyboardButton]] = []
    if pages > 1:
        nav = []
        if index > 0:
            nav.append(InlineKeyboardButton("‹ Back", callback_data=f"p:{tag}:{index - 1}"))
        nav.append(InlineKeyboardButton(f"{index + 1}/{pages}", callback_data="noop"))
        if index < pages - 1:
            nav.append(InlineKeyboardButton("More ›", callback_data=f"p:{tag}:{index + 1}"))
        rows.append(nav)
    buttons = [
        InlineKeyboardButton(f"Excerpt {i + 1}", callback_data=f"x:{tag}:{i}")
        for i in range(min(len(page.shown), EXCERPT_BUTTONS))
    ]
    rows += [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    return InlineKeyboardMarkup(rows) if rows else None


def question_of(message: Message, username: str | None) -> str | None:
    """What a message asks, as the engine reads it; None when it is a command for another bot.

    The same function reads a question when it arrives and when a button re-derives its
    answer, so both see the same text.
    """
    text = strip_mention(message, username)
    if text.startswith("/"):
        command, _, rest = text.partition(" ")
        name, _, target = command.partition("@")
        if target and target.lower() != (username or "").lower():
            return None
        text = f"{name} {rest}".strip()
    return text


def strip_mention(message: Message, username: str | None) -> str:
    """The question without the @botname that addressed it."""
    text = message.text or ""
    if username:
        for value in message.parse_entities([MessageEntity.MENTION]).values():
            if value[1:].lower() == username.lower():
                text = text.replace(value, " ", 1)
    return readable(" ".join(text.split()))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """`text` with any lone UTF-16 surrogate (a JSON escape like "\\ud83d" decodes to one) as
    U+FFFD: it cannot be encoded, so the audit log and the button digest would fail on it."""
    return _LONE_SURROGATE.sub("\ufffd", text)


async def in_engine(services: Services, function: Callable[..., T], *args: Any) -> T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(services.engine_pool, function, *args)


def delivered(services: Services, started: float) -> None:
    services.metrics.replies += 1
    services.metrics.reply_latency.observe(time.perf_counter() - started)


def kind_of(update: Update) -> str:
    if update.message is not None:
        return "document" if update.message.document else "message"
    if update.callback_query is not None:
        return "callback_query"
    if update.inline_query is not None:
        return "inline_query"
    return "other"


def user_id_of(update: Update) -> int | None:
    return update.effective_user.id if update.effective_user else None


def text_of(update: Update) -> str:
    if update.message is not None:
        return readable(update.message.text or update.message.caption or "")
    if update.inline_query is not None:
        return readable(update.inline_query.query)
    return ""


async def reply_to(message: Message, text: str, **kwargs: Any) -> Message:
    """Answer as a reply to the message asked, so concurrent answers stay attributable."""
    return await message.reply_text(
        text,
        reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
        **kwargs,
    )


def clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
